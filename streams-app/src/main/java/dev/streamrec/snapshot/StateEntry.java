package dev.streamrec.snapshot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One persisted entry of a model's state, exactly as the model drained it ({@code OnlineModel#drainChanges}) and
 * reads it back ({@code OnlineModel#restore}).
 */
public record StateEntry(byte[] key, byte[] value) {
    /** Unsigned lexicographic order of the keys: the order of RocksDB and of the in-memory store. */
    public static final Comparator<StateEntry> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

    public StateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof StateEntry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "StateEntry[key=" + key.length + " bytes, value=" + value.length + " bytes]";
    }
}
