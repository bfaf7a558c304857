package dev.streamrec.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowOpsTest {
    private static final double[][] A = {{1, 2, 3}, {-4, 5, 0.5}};

    @BeforeAll
    static void singleThreaded() {
        Nd4jThreads.limit(1);
    }

    private static INDArray a() {
        return Nd4j.create(A).castTo(DataType.DOUBLE);
    }

    @Test
    void addsTheRowVectorToEveryRow() {
        final INDArray z = RowOps.addRowVector(a(), Nd4j.create(new double[][] {{10, 20, 30}}));
        assertArrayEquals(new double[][] {{11, 22, 33}, {6, 25, 30.5}}, z.toDoubleMatrix());
    }

    @Test
    void sumsColumnsAndRows() {
        assertArrayEquals(new double[] {-3, 7, 3.5}, RowOps.columnSums(a()).toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {6, 1.5}, RowOps.rowSums(a()).toDoubleVector(), 0.0);
    }

    @Test
    void subtractsTheColumnFromEveryEntryOfItsRow() {
        final INDArray z = RowOps.subColumnVector(a(), Nd4j.create(new double[][] {{1}, {2}}));
        assertArrayEquals(new double[][] {{0, 1, 2}, {-6, 3, -1.5}}, z.toDoubleMatrix());
    }

    @Test
    void softmaxRowsSumToOneAndKeepTheOrder() {
        final INDArray s = RowOps.softmaxRows(a());
        final double e1 = Math.exp(1 - 3);
        final double e2 = Math.exp(2 - 3);
        final double sum = e1 + e2 + 1;
        assertArrayEquals(new double[] {e1 / sum, e2 / sum, 1 / sum}, s.getRow(0).toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {1.0}, RowOps.rowSums(s.getRow(1).reshape(1, 3)).toDoubleVector(), 1e-15);
    }
}
