package dev.streamrec.models.deepmix;

import dev.streamrec.models.params.InteractionHistories;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.StateCodec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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

    private static Map<Integer, byte[]> drained(final RecentInteractions h) {
        final Map<Integer, byte[]> blocks = new TreeMap<>();
        h.drain(new Persisted.Blocks() {
            @Override
            public void put(final int block, final StateCodec.Writer payload) {
                blocks.put(block, StateCodec.bytes(payload));
            }

            @Override
            public void delete(final int block) {
                blocks.remove(block);
            }
        });
        return blocks;
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
    void shouldReportEveryAdditionInOrderOnceTracked() {
        final RecentInteractions h = new RecentInteractions(3);
        h.add("i", "u0");
        h.trackAdditions();
        h.add("i", "u1");
        h.add("i", "u1");
        h.add("j", "u2");
        final InteractionHistories.Additions a = h.takeAdditions();
        assertEquals(3, a.owners().length);
        assertArrayEquals(keys("u1", "u1", "u2"), a.members());
        assertEquals(a.owners()[0], a.owners()[1]);
        assertEquals(0, h.takeAdditions().owners().length);
        h.add(a.owners()[0], keys("u3")[0]); // sync's own rebuild: not tracked
        assertEquals(0, h.takeAdditions().owners().length);
        final int[] out = new int[3];
        assertArrayEquals(keys("u0", "u1", "u3"), Arrays.copyOf(out, h.members(a.owners()[0], out)));
        final InteractionHistories copy = h.copy();
        h.add(a.owners()[0], keys("u4")[0]);
        assertArrayEquals(keys("u0", "u1", "u3"), Arrays.copyOf(out, copy.members(a.owners()[0], out)),
            "a copy keeps the histories as they were");
        assertArrayEquals(keys("u2"), Arrays.copyOf(out, copy.members(a.owners()[2], out)));
    }

    @Test
    void shouldPersistAReplacedHistoryAsTheSameAdditionsWould() {
        final RecentInteractions added = new RecentInteractions(3);
        added.trackAdditions();
        for (final String user : new String[] {"a", "b", "c", "d"}) {
            added.add("i", user);
        }
        final long owner = added.takeAdditions().owners()[0];
        final RecentInteractions replaced = new RecentInteractions(3);
        replaced.add("i", "z");
        replaced.add("i", "y");
        replaced.add("i", "x");
        replaced.replace(owner, keys("b", "c", "d"), 3);
        final Map<Integer, byte[]> a = drained(added);
        final Map<Integer, byte[]> b = drained(replaced);
        assertEquals(a.keySet(), b.keySet());
        for (final Integer block : a.keySet()) {
            assertArrayEquals(a.get(block), b.get(block));
        }
        assertThrows(IllegalArgumentException.class, () -> replaced.replace(owner, keys("a", "b", "c", "d"), 4));
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentInteractions(0));
    }
}
