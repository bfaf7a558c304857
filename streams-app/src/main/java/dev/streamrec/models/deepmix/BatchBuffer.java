package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rows x cols work array of a mini-batch pass, allocated once and reused while the batch size stays the same
 * (ND4J allocates host buffers natively, which cost far more than the small gemms of a step). Contents are
 * whatever the last pass wrote; a new batch size allocates a new zero array.
 */
final class BatchBuffer {
    private final DataType dtype;
    private final int cols;
    private final double fill;
    private INDArray array;

    /** A buffer of {@code cols} columns whose fresh arrays hold zeros. */
    BatchBuffer(final DataType dtype, final int cols) {
        this(dtype, cols, 0.0);
    }

    /** A buffer of {@code cols} columns whose fresh arrays hold {@code fill} (1 for the ones vectors of row sums). */
    BatchBuffer(final DataType dtype, final int cols, final double fill) {
        this.dtype = dtype;
        this.cols = cols;
        this.fill = fill;
    }

    /** The array for a batch of {@code rows}. */
    INDArray rows(final int rows) {
        if (array == null || array.rows() != rows) {
            array = HostBuffers.create(dtype, rows, cols);
            if (fill != 0.0) {
                array.assign(fill);
            }
        }
        return array;
    }
}
