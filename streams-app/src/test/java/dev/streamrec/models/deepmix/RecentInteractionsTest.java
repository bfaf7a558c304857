package dev.streamrec.models.deepmix;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecentInteractionsTest {
    private static int[] keys(final String... items) {
        return Arrays.stream(items).mapToInt(RecentInteractions::memberKey).toArray();
    }

    private static int[] history(final RecentInteractions h, final String user, final String current) {
        final int[] out = new int[h.capacity()];
        return Arrays.copyOf(out, h.copy(user, current, out));
    }

    @Test
    void shouldKeepTheLastDistinctItemsOldestFirstAndDropTheOldestWhenFull() {
        final RecentInteractions h = new RecentInteractions(3);
        for (final String item : new String[] {"a", "b", "a", "c", "d"}) {
            h.add("u1", item);
        }
        assertArrayEquals(keys("b", "c", "d"), history(h, "u1", "none"));
        assertArrayEquals(new int[0], history(h, "u2", "none"));
        assertEquals(1, h.rows().size());
    }

    @Test
    void shouldLeaveTheEventsOwnItemOut() {
        final RecentInteractions h = new RecentInteractions(4);
        h.add("u", "x");
        h.add("u", "y");
        assertArrayEquals(keys("x"), history(h, "u", "y"));
        assertArrayEquals(keys("x", "y"), history(h, "u", "z"));
    }

    @Test
    void shouldHoldItemKeysExactlyWhateverTheirBits() {
        final RecentInteractions h = new RecentInteractions(50);
        final String[] items = new String[50];
        for (int i = 0; i < items.length; i++) {
            items[i] = "item-" + (i * 7919);
            h.add("u", items[i]);
        }
        assertArrayEquals(keys(items), history(h, "u", "none"));
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentInteractions(0));
    }
}
