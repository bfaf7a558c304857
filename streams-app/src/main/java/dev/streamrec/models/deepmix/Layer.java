package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch layer: rows are examples. {@link #backward} follows the latest {@code forward}. Outputs live in
 * the layer's own buffers, reused by its next call: valid until then.
 */
interface Layer {
    int outDim();

    /** The layer's output; it remembers its input for {@link #backward}, so that must stay unchanged until then. */
    INDArray forward(INDArray x, boolean keep);

    /**
     * The outputs for {@code n} examples (rows of {@code x}) in plain float arithmetic on the master parameters
     * (prediction path, {@link RowProduct}): each row bit-identical to that row scored alone. The rows live in the
     * layer's own buffer until its next call.
     */
    float[][] forwardRows(float[][] x, int n);

    /**
     * Writes the parameter gradients into the {@link DenseParams} grad views and returns dL/dx; may overwrite
     * {@code dy} and the activations of the forward pass.
     */
    INDArray backward(INDArray dy);
}
