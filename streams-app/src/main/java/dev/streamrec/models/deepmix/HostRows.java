package dev.streamrec.models.deepmix;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Java copy of one dense row-major ND4J work array, for element-wise math that would otherwise cost one ND4J op
 * (several microseconds of dispatch) per step: {@link #load} copies the array out in one {@code memcpy} (widened
 * to doubles), the caller computes on {@link #values()}, {@link #store} copies them back (narrowed to the array's
 * type). One code path for FLOAT and the float64 gradient checks; a product of two floats computed in double and
 * rounded once is the float product, so FLOAT results match float arithmetic except in tanh and exp, which are
 * rounded once from double.
 */
final class HostRows {
    private double[] values = new double[0];
    private float[] narrow = new float[0];

    /** Copies {@code a} (an own dense array, see {@link HostBuffers}) into {@link #values()} and returns them. */
    double[] load(final INDArray a) {
        final int n = size(a);
        if (a.dataType() == DataType.FLOAT) {
            new FloatPointer(HostAddresses.of(a.data())).get(narrow, 0, n);
            for (int i = 0; i < n; i++) {
                values[i] = narrow[i];
            }
        } else {
            new DoublePointer(HostAddresses.of(a.data())).get(values, 0, n);
        }
        return values;
    }

    /**
     * {@link #load} of {@code tanh(a)}, element by element, and (with {@code writeBack}) the tanh written back into
     * {@code a}: FLOAT takes the prediction path's {@link RowTanh} on the floats as they come out of the array (no
     * widening and narrowing around it: the same float operations, so the same bits as loading, narrowing, taking
     * the tanh and widening), DOUBLE (the gradient checks) {@link CrossNetMixLayer#tanh(double)}.
     */
    double[] loadTanh(final INDArray a, final boolean writeBack) {
        final int n = size(a);
        if (a.dataType() == DataType.FLOAT) {
            final FloatPointer host = new FloatPointer(HostAddresses.of(a.data()));
            host.get(narrow, 0, n);
            RowTanh.inPlace(narrow, n);
            if (writeBack) {
                host.put(narrow, 0, n);
            }
            for (int i = 0; i < n; i++) {
                values[i] = narrow[i];
            }
        } else {
            final DoublePointer host = new DoublePointer(HostAddresses.of(a.data()));
            host.get(values, 0, n);
            for (int i = 0; i < n; i++) {
                values[i] = CrossNetMixLayer.tanh(values[i]);
            }
            if (writeBack) {
                host.put(values, 0, n);
            }
        }
        return values;
    }

    /** The values of the last {@link #load} (or {@link #resize}), at least as long as that array. */
    double[] values() {
        return values;
    }

    /** Makes {@link #values()} hold at least {@code a.length()} elements without reading {@code a}. */
    double[] resize(final INDArray a) {
        size(a);
        return values;
    }

    /** Copies the first {@code a.length()} of {@link #values()} into {@code a}. */
    void store(final INDArray a) {
        final int n = size(a);
        if (a.dataType() == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                narrow[i] = (float) values[i];
            }
            new FloatPointer(HostAddresses.of(a.data())).put(narrow, 0, n);
        } else {
            new DoublePointer(HostAddresses.of(a.data())).put(values, 0, n);
        }
    }

    private int size(final INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) {
            throw new IllegalArgumentException("host rows need an own dense row-major array");
        }
        final int n = Math.toIntExact(a.length());
        if (values.length < n) {
            values = new double[n];
            narrow = new float[n];
        }
        return n;
    }
}
