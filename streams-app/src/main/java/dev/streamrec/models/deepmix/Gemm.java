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

    /**
     * {@code c = a op(b)} for a block-diagonal {@code b} ({@code blocks} square blocks on its diagonal, zero
     * elsewhere): per block {@code k}, columns {@code [k s, (k+1) s)} of {@code c} are the same columns of {@code a}
     * times b's block {@code k} ({@code s = b.columns() / blocks}). One BLAS call per block on strided
     * sub-matrices, so the zero blocks' multiply-adds ({@code 1 - 1/blocks} of the full product's) are skipped; the
     * sums are those of the full product without its zero terms. Returns {@code c}.
     */
    static INDArray timesBlockDiagonal(final INDArray a, final INDArray b, final boolean transB, final INDArray c,
                                       final int blocks) {
        final int s = Math.toIntExact(b.columns() / blocks);
        checkBlocks(a, b, c, blocks, a.columns() == b.rows() && b.rows() == b.columns() && c.columns() == b.columns()
            && a.rows() == c.rows());
        final int lda = rowStride(a);
        final int ldb = rowStride(b);
        final int ldc = rowStride(c);
        final int m = Math.toIntExact(c.rows());
        final int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        for (int k = 0; k < blocks; k++) {
            final long col = (long) k * s;
            sgemmOrDgemm(c.dataType(), openblas.CblasNoTrans, tb, m, s, s, a, col, lda, b, col * ldb + col, ldb, c,
                col, ldc);
        }
        return c;
    }

    /**
     * The diagonal blocks of {@code c = a^T b} ({@code blocks} blocks of {@code s = c.columns() / blocks}): block
     * {@code k} is columns {@code [k s, (k+1) s)} of {@code a} transposed times the same columns of {@code b}. The
     * off-diagonal blocks of {@code c} are not written (the gradient of a block-diagonal parameter, whose other
     * entries stay zero). One BLAS call per block. Returns {@code c}.
     */
    static INDArray diagonalBlocksOfTransposedProduct(final INDArray a, final INDArray b, final INDArray c,
                                                      final int blocks) {
        final int s = Math.toIntExact(c.columns() / blocks);
        checkBlocks(a, b, c, blocks, a.columns() == c.columns() && b.columns() == c.columns() && a.rows() == b.rows()
            && c.rows() == c.columns());
        final int lda = rowStride(a);
        final int ldb = rowStride(b);
        final int ldc = rowStride(c);
        final int n = Math.toIntExact(a.rows());
        for (int k = 0; k < blocks; k++) {
            final long col = (long) k * s;
            sgemmOrDgemm(c.dataType(), openblas.CblasTrans, openblas.CblasNoTrans, s, s, n, a, col, lda, b, col,
                ldb, c, col * ldc + col, ldc);
        }
        return c;
    }

    private static void checkBlocks(final INDArray a, final INDArray b, final INDArray c, final int blocks,
                                    final boolean shapesFit) {
        if (!shapesFit || blocks < 1 || c.columns() % blocks != 0 || a.dataType() != c.dataType()
            || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("block-diagonal gemm shapes " + a.rows() + "x" + a.columns() + ", "
                + b.rows() + "x" + b.columns() + " -> " + c.rows() + "x" + c.columns() + " in " + blocks + " blocks");
        }
    }

    private static void sgemmOrDgemm(final DataType dtype, final int ta, final int tb, final int m, final int n,
                                     final int k, final INDArray a, final long aOff, final int lda, final INDArray b,
                                     final long bOff, final int ldb, final INDArray c, final long cOff,
                                     final int ldc) {
        if (dtype == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1f, floats(a).position(aOff), lda,
                floats(b).position(bOff), ldb, 0f, floats(c).position(cOff), ldc);
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, 1.0, doubles(a).position(aOff), lda,
                doubles(b).position(bOff), ldb, 0.0, doubles(c).position(cOff), ldc);
        }
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
        return new FloatPointer(HostAddresses.of(x.data()));
    }

    private static DoublePointer doubles(final INDArray x) {
        return new DoublePointer(HostAddresses.of(x.data()));
    }
}
