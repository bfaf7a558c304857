package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One mini-batch layer: rows are examples. {@link #backward} follows the latest {@code forward(x, true)}. */
interface Layer {
    int outDim();

    /** The layer's output; with {@code keep} it remembers what {@link #backward} needs. */
    INDArray forward(INDArray x, boolean keep);

    /** The output for one example in plain float arithmetic on the master parameters (prediction path). */
    float[] forwardRow(float[] x);

    /** Writes the parameter gradients into the {@link DenseParams} grad views and returns dL/dx. */
    INDArray backward(INDArray dy);
}
