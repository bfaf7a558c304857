package dev.streamrec.models.deepmix;

import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.Sgd;

/**
 * Per user, the last {@code capacity} distinct items the user interacted with (learned events, oldest first): the
 * implicit-feedback set {@code N(u)} of SVD++ (Koren 2008, Eq. 15), capped so memory stays bounded. When a user's
 * history is full the oldest item drops out; an item already held is not added again.
 *
 * <p>Held in one {@link SparseRowTable} row per user (never stepped, so the table's optimiser is unused), keyed by
 * a 63-bit FNV-1a hash of the user id: element 0 is the count, then each item's 31-bit key ({@link #itemKey}) as
 * two 16-bit halves (exact in a float). So the histories are checkpointed and replayed like the model's other rows.
 * Not thread-safe.
 */
final class UserHistories {
    private final int capacity;
    private final SparseRowTable rows;

    UserHistories(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.rows = new SparseRowTable(1 + 2 * capacity, new Sgd(1f));
    }

    int capacity() {
        return capacity;
    }

    /**
     * Copies the user's item keys but the event's own item, oldest first, into {@code out} (at least
     * {@link #capacity} long); their count. The event's item is left out so that its own label never trains the
     * item's {@code y} row through this pair (an impression puts the item in the history before its rating).
     */
    int copy(final String userId, final String itemId, final int[] out) {
        final int slot = rows.slot(userKey(userId));
        if (slot < 0) {
            return 0;
        }
        final float[] values = rows.values();
        final int base = slot * rows.width();
        final int count = (int) values[base];
        final int own = itemKey(itemId);
        int n = 0;
        for (int i = 0; i < count; i++) {
            final int item = (int) values[base + 1 + 2 * i] << 16 | (int) values[base + 2 + 2 * i];
            if (item != own) {
                out[n++] = item;
            }
        }
        return n;
    }

    /** Appends the item to the user's history (no change when it is already there; the oldest drops when full). */
    void add(final String userId, final String itemId) {
        final long key = userKey(userId);
        int slot = rows.slot(key);
        if (slot < 0) {
            slot = rows.insert(key);
        }
        final int item = itemKey(itemId);
        final float hi = item >>> 16;
        final float lo = item & 0xFFFF;
        final float[] values = rows.values();
        final int base = slot * rows.width();
        int count = (int) values[base];
        for (int i = 0; i < count; i++) {
            if (values[base + 1 + 2 * i] == hi && values[base + 2 + 2 * i] == lo) {
                return;
            }
        }
        if (count == capacity) {
            System.arraycopy(values, base + 3, values, base + 1, 2 * (capacity - 1));
            count--;
        }
        values[base + 1 + 2 * count] = hi;
        values[base + 2 + 2 * count] = lo;
        values[base] = count + 1;
        rows.markDirty(slot);
    }

    /** The persisted rows. */
    SparseRowTable rows() {
        return rows;
    }

    /** Stored users times the row width. */
    long size() {
        return (long) rows.size() * rows.width();
    }

    /** A non-negative 31-bit key of an item id (low bits of its FNV-1a hash). */
    static int itemKey(final String itemId) {
        return (int) (fnv(itemId) & 0x7FFFFFFFL);
    }

    private static long userKey(final String userId) {
        return fnv(userId) & Long.MAX_VALUE;
    }

    private static long fnv(final String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return h;
    }
}
