package dev.streamrec.models;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-wise operations of the towers' mini-batch math, written as gemms with a ones vector instead of ND4J's
 * broadcast and along-dimension reduction ops. Those go through libnd4j's TAD code, which crashed the JVM here
 * intermittently (SIGSEGV in {@code execBroadcast}, cf. deeplearning4j issue 9278); gemm is the one path the
 * towers rely on anyway, and it keeps results independent of the thread count.
 */
public final class RowOps {
    private RowOps() {
    }

    /** {@code z += 1 b} for a 1 x n row vector {@code b}: adds it to every row of the m x n matrix {@code z}. */
    public static INDArray addRowVector(final INDArray z, final INDArray b) {
        return Nd4j.gemm(ones(z, z.rows(), 1), b, z, false, false, 1.0, 1.0);
    }

    /** {@code 1^T a}: the 1 x n column sums of an m x n matrix. */
    public static INDArray columnSums(final INDArray a) {
        return Nd4j.gemm(ones(a, 1, a.rows()), a, false, false);
    }

    /** {@code a 1}: the m x 1 row sums of an m x n matrix. */
    public static INDArray rowSums(final INDArray a) {
        return Nd4j.gemm(a, ones(a, a.columns(), 1), false, false);
    }

    /** {@code a -= s 1^T} for an m x 1 column {@code s}: subtracts {@code s_i} from every entry of row i. */
    public static INDArray subColumnVector(final INDArray a, final INDArray s) {
        return Nd4j.gemm(s, ones(a, 1, a.columns()), a, false, false, -1.0, 1.0);
    }

    /**
     * Softmax of every row, {@code exp(z_ij - max_j z_ij) / sum_j exp(...)}, in plain Java over the (small) matrix
     * of gate logits; returns a new matrix of the same type.
     */
    public static INDArray softmaxRows(final INDArray z) {
        final int rows = z.rows();
        final int cols = z.columns();
        final double[] v = z.dup('c').data().asDouble();
        for (int r = 0; r < rows; r++) {
            final int off = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, v[off + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < cols; j++) {
                v[off + j] = Math.exp(v[off + j] - max);
                sum += v[off + j];
            }
            for (int j = 0; j < cols; j++) {
                v[off + j] /= sum;
            }
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(z.dataType());
    }

    private static INDArray ones(final INDArray like, final int rows, final int cols) {
        return Nd4j.ones(like.dataType(), rows, cols);
    }
}
