package dev.streamrec.models.lcwd;

import java.util.Arrays;

/**
 * Open-addressing map from a non-negative int key (a hashed feature index) to a dense slot number 0, 1, 2, ... in
 * insertion order, so that callers keep per-key values in plain parallel arrays. No removal. Not thread-safe.
 */
final class IntSlotMap {
    private static final int EMPTY = -1;

    /** Interleaved (key, slot) pairs, so a lookup touches one cache line. */
    private int[] table;
    private int[] keyOfSlot;
    private int size;

    IntSlotMap() {
        table = new int[2 * 64];
        keyOfSlot = new int[32];
        Arrays.fill(table, EMPTY);
    }

    int size() {
        return size;
    }

    /** The slot of {@code key}, or -1 when absent. */
    int slot(final int key) {
        final int mask = (table.length >> 1) - 1;
        int pos = mix(key) & mask;
        while (true) {
            final int k = table[2 * pos];
            if (k == key) {
                return table[2 * pos + 1];
            }
            if (k == EMPTY) {
                return -1;
            }
            pos = (pos + 1) & mask;
        }
    }

    /** The slot of {@code key}, adding it with the next free slot number when absent. */
    int slotOrInsert(final int key) {
        if (key < 0) {
            throw new IllegalArgumentException("keys must be non-negative, got " + key);
        }
        final int existing = slot(key);
        if (existing >= 0) {
            return existing;
        }
        if (2 * (size + 1) > table.length >> 1) {
            rehash(table.length);
        }
        put(key, size);
        if (size == keyOfSlot.length) {
            keyOfSlot = Arrays.copyOf(keyOfSlot, size * 2);
        }
        keyOfSlot[size] = key;
        return size++;
    }

    /** The key stored in {@code slot}. */
    int keyAt(final int slot) {
        return keyOfSlot[slot];
    }

    private void put(final int key, final int slot) {
        final int mask = (table.length >> 1) - 1;
        int pos = mix(key) & mask;
        while (table[2 * pos] != EMPTY) {
            pos = (pos + 1) & mask;
        }
        table[2 * pos] = key;
        table[2 * pos + 1] = slot;
    }

    private void rehash(final int capacity) {
        final int[] old = table;
        table = new int[2 * capacity];
        Arrays.fill(table, EMPTY);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                put(old[i], old[i + 1]);
            }
        }
    }

    private static int mix(final int key) {
        final int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
