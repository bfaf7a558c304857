package dev.streamrec.models.deepmix;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java arrays and the host memory of dense, row-major ND4J arrays owned by the DeepMix
 * networks: one {@code memcpy} per copy instead of ND4J's per-element {@code DataBuffer.put}/{@code asFloat}
 * loops, and no temporary arrays. FLOAT arrays are copied as they are; DOUBLE arrays (the float64 gradient checks)
 * are widened or narrowed element by element.
 */
final class HostBuffers {
    private HostBuffers() {
    }

    /** A new zero rows x cols row-major array of {@code dtype}, the only kind the copies below accept. */
    static INDArray create(final DataType dtype, final long rows, final long cols) {
        return Nd4j.zeros(dtype, rows, cols);
    }

    /** Writes {@code src[off, off + dst.length())} into {@code dst}. */
    static void write(final float[] src, final int off, final INDArray dst) {
        final int n = checkedLength(dst);
        if (dst.dataType() == DataType.FLOAT) {
            new FloatPointer(dst.data().addressPointer()).put(src, off, n);
        } else {
            final double[] wide = new double[n];
            for (int i = 0; i < n; i++) {
                wide[i] = src[off + i];
            }
            new DoublePointer(dst.data().addressPointer()).put(wide, 0, n);
        }
    }

    /** Reads {@code src} into {@code dst[0, src.length())}, narrowing doubles to floats. */
    static void read(final INDArray src, final float[] dst) {
        final int n = checkedLength(src);
        if (src.dataType() == DataType.FLOAT) {
            new FloatPointer(src.data().addressPointer()).get(dst, 0, n);
        } else {
            final double[] wide = new double[n];
            new DoublePointer(src.data().addressPointer()).get(wide, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = (float) wide[i];
            }
        }
    }

    /** Reads {@code src} into {@code dst[0, src.length())}, widening floats to doubles. */
    static void read(final INDArray src, final double[] dst) {
        final int n = checkedLength(src);
        if (src.dataType() == DataType.DOUBLE) {
            new DoublePointer(src.data().addressPointer()).get(dst, 0, n);
        } else {
            final float[] narrow = new float[n];
            new FloatPointer(src.data().addressPointer()).get(narrow, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = narrow[i];
            }
        }
    }

    /** Writes {@code src[0, dst.length())} into {@code dst}, narrowing to FLOAT when {@code dst} is FLOAT. */
    static void write(final double[] src, final INDArray dst) {
        final int n = checkedLength(dst);
        if (dst.dataType() == DataType.DOUBLE) {
            new DoublePointer(dst.data().addressPointer()).put(src, 0, n);
        } else {
            final float[] narrow = new float[n];
            for (int i = 0; i < n; i++) {
                narrow[i] = (float) src[i];
            }
            new FloatPointer(dst.data().addressPointer()).put(narrow, 0, n);
        }
    }

    private static int checkedLength(final INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) {
            throw new IllegalArgumentException("bulk copies need an own dense row-major array, got offset "
                + a.offset() + ", order " + a.ordering() + ", buffer " + a.data().length() + " for " + a.length());
        }
        return Math.toIntExact(a.length());
    }
}
