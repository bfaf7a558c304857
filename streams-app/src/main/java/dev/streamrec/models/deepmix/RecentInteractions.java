package dev.streamrec.models.deepmix;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

import dev.streamrec.models.params.InteractionHistories;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.Sgd;

/**
 * Per owner (a user, or an item), the last {@code capacity} distinct members (items, or users) it interacted with
 * in learned events, oldest first: the implicit-feedback set {@code N(u)} of SVD++ (Koren 2008, Eq. 15), or its
 * item-side mirror {@code N(i)}, capped so memory stays bounded. When an owner's history is full the oldest member
 * drops out; a member already held is not added again.
 *
 * <p>Held in one {@link SparseRowTable} row per owner (never stepped, so the table's optimiser is unused), keyed by
 * a 63-bit FNV-1a hash of the owner id: element 0 is the count, then each member's 31-bit key ({@link #memberKey}) as
 * two 16-bit halves (exact in a float). So the histories are checkpointed and replayed like the model's other rows.
 * Parameter sync reads the additions and replaces merged histories ({@link InteractionHistories}). Not thread-safe.
 */
final class RecentInteractions implements InteractionHistories {
    private final int capacity;
    private final SparseRowTable rows;
    private long[] addedOwners;
    private int[] addedMembers;
    private int added;

    RecentInteractions(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.rows = new SparseRowTable(1 + 2 * capacity, new Sgd(1f));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /**
     * Copies the owner's member keys but the event's own member, oldest first, into {@code out} (at least
     * {@link #capacity} long); their count. The event's own member is left out so that its label never trains that
     * member's row through this pair (an impression puts the pair in the history before its rating).
     */
    int copy(final String ownerId, final String memberId, final int[] out) {
        final int slot = rows.slot(ownerKey(ownerId));
        if (slot < 0) {
            return 0;
        }
        final float[] values = rows.values();
        final int base = slot * rows.width();
        final int count = (int) values[base];
        final int own = memberKey(memberId);
        int n = 0;
        for (int i = 0; i < count; i++) {
            final int member = memberAt(values, base, i);
            if (member != own) {
                out[n++] = member;
            }
        }
        return n;
    }

    /** Appends the member to the owner's history (no change when it is there already; the oldest drops when full). */
    void add(final String ownerId, final String memberId) {
        final long key = ownerKey(ownerId);
        final int member = memberKey(memberId);
        if (addedOwners != null) {
            if (added == addedOwners.length) {
                addedOwners = Arrays.copyOf(addedOwners, 2 * added);
                addedMembers = Arrays.copyOf(addedMembers, 2 * added);
            }
            addedOwners[added] = key;
            addedMembers[added++] = member;
        }
        add(key, member);
    }

    @Override
    public void add(final long key, final int member) {
        int slot = rows.slot(key);
        if (slot < 0) {
            slot = rows.insert(key);
        }
        final float hi = member >>> 16;
        final float lo = member & 0xFFFF;
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

    @Override
    public InteractionHistories copy() {
        final RecentInteractions copy = new RecentInteractions(capacity);
        final int[] members = new int[capacity];
        for (int slot = 0; slot < rows.size(); slot++) {
            final long owner = rows.keyAt(slot);
            copy.replace(owner, members, members(owner, members));
        }
        return copy;
    }

    @Override
    public void trackAdditions() {
        if (addedOwners == null) {
            addedOwners = new long[64];
            addedMembers = new int[64];
        }
    }

    @Override
    public Additions takeAdditions() {
        if (addedOwners == null) {
            throw new IllegalStateException("additions are not tracked; call trackAdditions first");
        }
        final Additions additions = new Additions(Arrays.copyOf(addedOwners, added), Arrays.copyOf(addedMembers, added));
        added = 0;
        return additions;
    }

    @Override
    public int members(final long owner, final int[] out) {
        final int slot = rows.slot(owner);
        if (slot < 0) {
            return 0;
        }
        final float[] values = rows.values();
        final int base = slot * rows.width();
        final int count = (int) values[base];
        for (int i = 0; i < count; i++) {
            out[i] = memberAt(values, base, i);
        }
        return count;
    }

    /** The {@code i}-th member key of the row at {@code base}: two 16-bit halves. */
    private static int memberAt(final float[] values, final int base, final int i) {
        return (int) values[base + 1 + 2 * i] << 16 | (int) values[base + 2 + 2 * i];
    }

    @Override
    public void replace(final long owner, final int[] members, final int count) {
        if (count > capacity) {
            throw new IllegalArgumentException(count + " members for a history of " + capacity);
        }
        int slot = rows.slot(owner);
        if (slot < 0) {
            slot = rows.insert(owner);
        }
        final float[] values = rows.values();
        final int base = slot * rows.width();
        Arrays.fill(values, base, base + rows.width(), 0f);
        for (int i = 0; i < count; i++) {
            values[base + 1 + 2 * i] = members[i] >>> 16;
            values[base + 2 + 2 * i] = members[i] & 0xFFFF;
        }
        values[base] = count;
        rows.markDirty(slot);
    }

    @Override
    public void drain(final Blocks out) {
        rows.drain(out);
    }

    @Override
    public void restore(final int block, final DataInputStream in) throws IOException {
        rows.restore(block, in);
    }

    @Override
    public void markAllDirty() {
        rows.markAllDirty();
    }

    /** Stored owners times the row width. */
    long size() {
        return (long) rows.size() * rows.width();
    }

    /** A non-negative 31-bit key of a member id (low bits of its FNV-1a hash). */
    static int memberKey(final String memberId) {
        return (int) (fnv(memberId) & 0x7FFFFFFFL);
    }

    private static long ownerKey(final String ownerId) {
        return fnv(ownerId) & Long.MAX_VALUE;
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
