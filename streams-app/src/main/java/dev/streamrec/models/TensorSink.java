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
}
