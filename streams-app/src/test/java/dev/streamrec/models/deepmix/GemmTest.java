package dev.streamrec.models.deepmix;

import dev.streamrec.models.Nd4jThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The direct BLAS gemm against ND4J's own, and the bulk host copies. */
class GemmTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    private static INDArray random(final DataType dtype, final int rows, final int cols, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final INDArray m = Nd4j.zeros(dtype, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.putScalar(r, c, random.nextDouble(-1, 1));
            }
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"FLOAT,false,false", "FLOAT,true,false", "FLOAT,false,true", "FLOAT,true,true",
        "DOUBLE,false,false", "DOUBLE,true,false", "DOUBLE,false,true", "DOUBLE,true,true"})
    void shouldComputeWhatNd4jGemmComputesForEveryTransposition(final DataType dtype, final boolean ta,
                                                                final boolean tb) {
        final int m = 5;
        final int k = 7;
        final int n = 3;
        final INDArray a = ta ? random(dtype, k, m, 1) : random(dtype, m, k, 1);
        final INDArray b = tb ? random(dtype, n, k, 2) : random(dtype, k, n, 2);
        final INDArray c = random(dtype, m, n, 3);
        final INDArray expected = Nd4j.gemm(a, b, c.dup(), ta, tb, 0.5, 2.0);
        final INDArray actual = Gemm.gemm(a, ta, b, tb, c, 0.5, 2.0);
        final double tolerance = dtype == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected.getDouble(r, j), actual.getDouble(r, j), tolerance, "c[" + r + "," + j + "]");
            }
        }
    }

    @Test
    void shouldWriteIntoATensorViewOfTheFlatBufferAndLeaveItsNeighboursAlone() {
        final INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 20).assign(9.0);
        final INDArray view = Nd4j.create(flat.data(), new long[] {2, 3}, new long[] {3, 1}, 5, 'c');
        final INDArray a = random(DataType.FLOAT, 2, 4, 4);
        final INDArray b = random(DataType.FLOAT, 4, 3, 5);
        Gemm.gemm(a, false, b, false, view, 1.0, 0.0);
        final INDArray expected = Nd4j.gemm(a, b, false, false);
        for (int i = 0; i < 20; i++) {
            final double value = flat.getDouble(0, i);
            if (i < 5 || i >= 11) {
                assertEquals(9.0, value, "untouched element " + i);
            } else {
                assertEquals(expected.getDouble((i - 5) / 3, (i - 5) % 3), value, 1e-6, "element " + i);
            }
        }
    }

    @Test
    void shouldRejectMismatchedShapes() {
        final INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(a, false, a, false, Nd4j.zeros(DataType.FLOAT, 2, 3), 1.0, 0.0));
    }

    /** A w x w block-diagonal matrix as a view at an offset of a larger flat buffer (as a DenseParams tensor). */
    private static INDArray blockDiagonalView(final DataType dtype, final int w, final int blocks, final long seed) {
        final INDArray dense = random(dtype, w, w, seed);
        final int s = w / blocks;
        final INDArray flat = Nd4j.zeros(dtype, 1, w * w + 3).assign(5.0);
        final INDArray view = Nd4j.create(flat.data(), new long[] {w, w}, new long[] {w, 1}, 3, 'c');
        for (int r = 0; r < w; r++) {
            for (int c = 0; c < w; c++) {
                view.putScalar(r, c, r / s == c / s ? dense.getDouble(r, c) : 0.0);
            }
        }
        return view;
    }

    @ParameterizedTest
    @CsvSource({"FLOAT,false", "FLOAT,true", "DOUBLE,false", "DOUBLE,true"})
    void shouldMultiplyByABlockDiagonalMatrixAsTheFullProductDoes(final DataType dtype, final boolean transB) {
        final int n = 5;
        final int w = 12;
        final INDArray a = random(dtype, n, w, 6);
        final INDArray b = blockDiagonalView(dtype, w, 3, 7);
        final INDArray c = random(dtype, n, w, 8);
        final INDArray expected = Nd4j.gemm(a, b.dup('c'), false, transB);
        Gemm.timesBlockDiagonal(a, b, transB, c, 3);
        final double tolerance = dtype == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                assertEquals(expected.getDouble(r, j), c.getDouble(r, j), tolerance, "c[" + r + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT", "DOUBLE"})
    void shouldWriteOnlyTheDiagonalBlocksOfTheTransposedProduct(final DataType dtype) {
        final int n = 5;
        final int w = 12;
        final int s = 4;
        final INDArray a = random(dtype, n, w, 9);
        final INDArray b = random(dtype, n, w, 10);
        final INDArray c = Nd4j.zeros(dtype, w, w).assign(9.0);
        final INDArray expected = Nd4j.gemm(a, b, true, false);
        Gemm.diagonalBlocksOfTransposedProduct(a, b, c, w / s);
        final double tolerance = dtype == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int r = 0; r < w; r++) {
            for (int j = 0; j < w; j++) {
                final double want = r / s == j / s ? expected.getDouble(r, j) : 9.0;
                assertEquals(want, c.getDouble(r, j), tolerance, "c[" + r + "," + j + "]");
            }
        }
    }

    @Test
    void shouldRejectABlockCountThatDoesNotDivideTheWidth() {
        final INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 6);
        final INDArray b = Nd4j.zeros(DataType.FLOAT, 6, 6);
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.timesBlockDiagonal(a, b, false, Nd4j.zeros(DataType.FLOAT, 2, 6), 4));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.timesBlockDiagonal(a, b, false, Nd4j.zeros(DataType.FLOAT, 3, 6), 3));
    }

    @Test
    void shouldCopyFloatsAndDoublesInBulkAndRefuseViews() {
        final float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -0.5f};
        for (final DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            final INDArray m = HostBuffers.create(dtype, 2, 3);
            HostBuffers.write(values, 0, m);
            assertEquals(3.25, m.getDouble(0, 2));
            final float[] back = new float[6];
            HostBuffers.read(m, back);
            assertArrayEquals(values, back);
            final double[] wide = new double[6];
            HostBuffers.read(m, wide);
            assertEquals(-0.5, wide[5]);
        }
        final INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 10);
        final INDArray view = Nd4j.create(flat.data(), new long[] {1, 3}, new long[] {3, 1}, 2, 'c');
        assertThrows(IllegalArgumentException.class, () -> HostBuffers.write(values, 0, view));
    }
}
