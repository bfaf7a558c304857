package dev.streamrec.models;

/**
 * Where a model writes a named-tensor view of its parameters for export (NumPy files a data scientist can open).
 * Names are unique within one model and made of {@code [a-z0-9_.-]}. The sink may keep the arrays it is given.
 */
public interface TensorSink {
    /** A dense tensor of {@code shape} in row-major (C) order. */
    void dense(String name, int[] shape, double[] values);

    /**
     * A sparse table: {@code keys[i]} (a hashed feature index or a row id) holds the row
     * {@code values[i * width, (i + 1) * width)}. Keys ascend.
     */
    void sparse(String name, long[] keys, int width, double[] values);

    /** {@code from} widened to doubles. */
    static double[] widen(final float[] from) {
        return widen(from, 0, from.length);
    }

    /** {@code from[offset, offset + length)} widened to doubles (exactly: every float is a double). */
    static double[] widen(final float[] from, final int offset, final int length) {
        final double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = from[offset + i];
        }
        return out;
    }
}
