package dev.streamrec.models.deepmix;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code C = alpha op(A) op(B) + beta C} straight through OpenBLAS' {@code cblas_sgemm}/{@code cblas_dgemm} on the
 * host memory of row-major ND4J arrays (own buffers or the {@link DenseParams} tensor views): the same BLAS that
 * {@code Nd4j.gemm} ends in, without its custom-op dispatch, which costs several times the arithmetic of the
 * trunk's batch-32 gemms (measured 40-170 us per {@code Nd4j.gemm} against 2-30 us per direct call).
 */
final class Gemm {
    private Gemm() {
    }

    /** Writes {@code alpha op(a) op(b) + beta c} into {@code c} and returns {@code c}. */
    static INDArray gemm(final INDArray a, final boolean transA, final INDArray b, final boolean transB,
                         final INDArray c, final double alpha, final double beta) {
        final int m = Math.toIntExact(transA ? a.columns() : a.rows());
        final int k = Math.toIntExact(transA ? a.rows() : a.columns());
        final int kb = Math.toIntExact(transB ? b.columns() : b.rows());
        final int n = Math.toIntExact(transB ? b.rows() : b.columns());
        if (k != kb || c.rows() != m || c.columns() != n || a.dataType() != c.dataType()
            || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("gemm shapes " + shape(a, transA) + " x " + shape(b, transB) + " -> "
                + c.rows() + "x" + c.columns() + " (" + a.dataType() + ", " + b.dataType() + ", " + c.dataType() + ")");
        }
        final int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        final int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a), rowStride(a),
                floats(b), rowStride(b), (float) beta, floats(c), rowStride(c));
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a), rowStride(a),
                doubles(b), rowStride(b), beta, doubles(c), rowStride(c));
        }
        return c;
    }

    private static String shape(final INDArray x, final boolean trans) {
        return trans ? x.columns() + "x" + x.rows() + "(T)" : x.rows() + "x" + x.columns();
    }

    /** The row stride of a row-major matrix whose elements in a row are adjacent. */
    private static int rowStride(final INDArray x) {
        if (x.rank() != 2 || x.ordering() != 'c' || x.stride(1) != 1 || x.stride(0) < x.columns()) {
            throw new IllegalArgumentException("gemm needs row-major matrices with unit column stride, got shape "
                + java.util.Arrays.toString(x.shape()) + " stride " + java.util.Arrays.toString(x.stride()));
        }
        return Math.toIntExact(x.stride(0));
    }

    private static FloatPointer floats(final INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }

    private static DoublePointer doubles(final INDArray x) {
        return new DoublePointer(x.data().addressPointer());
    }
}
