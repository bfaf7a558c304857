package dev.streamrec.features;

import java.util.Arrays;

/**
 * A reusable buffer of sparse features: parallel arrays of hashed index, value and feature-group id.
 *
 * <p>Fixed capacity, so filling it on the hot path allocates nothing; {@link #add} refuses to grow past the
 * capacity and callers turn that into a "too many features" rejection.
 */
public final class SparseFeatures {
    private final int[] index;
    private final float[] value;
    private final int[] group;
    private int size;

    /** @param capacity the most features one example may have */
    public SparseFeatures(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.index = new int[capacity];
        this.value = new float[capacity];
        this.group = new int[capacity];
    }

    /** Empties the buffer for reuse. */
    public void clear() {
        size = 0;
    }

    /**
     * Appends one feature.
     *
     * @return false (and nothing added) when the buffer is full
     */
    public boolean add(final int featureIndex, final float featureValue, final int featureGroup) {
        if (size == index.length) {
            return false;
        }
        index[size] = featureIndex;
        value[size] = featureValue;
        group[size] = featureGroup;
        size++;
        return true;
    }

    /** Appends every feature of {@code other} in order; the caller has checked that they fit. */
    void append(final SparseFeatures other) {
        if (size + other.size > index.length) {
            throw new IllegalStateException(other.size + " more features do not fit in " + size + " of "
                + index.length);
        }
        System.arraycopy(other.index, 0, index, size, other.size);
        System.arraycopy(other.value, 0, value, size, other.size);
        System.arraycopy(other.group, 0, group, size, other.size);
        size += other.size;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return index.length;
    }

    public int index(final int i) {
        return index[i];
    }

    public float value(final int i) {
        return value[i];
    }

    public int group(final int i) {
        return group[i];
    }

    /** A deep copy holding exactly the current features (capacity = max(size, 1)). */
    public SparseFeatures copy() {
        final SparseFeatures copy = new SparseFeatures(Math.max(size, 1));
        System.arraycopy(index, 0, copy.index, 0, size);
        System.arraycopy(value, 0, copy.value, 0, size);
        System.arraycopy(group, 0, copy.group, 0, size);
        copy.size = size;
        return copy;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof SparseFeatures other) || other.size != size) {
            return false;
        }
        return Arrays.equals(index, 0, size, other.index, 0, size)
            && Arrays.equals(value, 0, size, other.value, 0, size)
            && Arrays.equals(group, 0, size, other.group, 0, size);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + index[i];
            h = 31 * h + Float.floatToIntBits(value[i]);
            h = 31 * h + group[i];
        }
        return h;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("SparseFeatures[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(group[i]).append(':').append(index[i]).append('=').append(value[i]);
        }
        return sb.append(']').toString();
    }
}
