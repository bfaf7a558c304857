package dev.streamrec.models.deepmix;

/**
 * {@code out[e] = b + x[e] W} for a few rows {@code e} in plain float arithmetic: the prediction path of the dense
 * layers, one row ({@link DeepMixModel#predict}) or many ({@link DeepMixModel#predictAll}).
 *
 * <p>Every output element is summed in one fixed order, whatever the number of rows: {@code b[j]}, then the input
 * rows of {@code W} four at a time, {@code out[j] += ((x_i W_ij + x_{i+1} W_{i+1,j}) + x_{i+2} W_{i+2,j})
 * + x_{i+3} W_{i+3,j}}, then the last {@code rows % 4} one at a time; a group whose four inputs are all zero (ReLU
 * outputs, absent embedding groups) is skipped, which adds nothing but a signed zero. So a row scored alone and the
 * same row scored among others get bit-identical results.
 *
 * <p>Speed: the weights come as one {@code float[]} per row ({@link DenseParams#rows}) and each output row is its own
 * array, because C2 (JDK 17) vectorises {@code out[j] += x * w[j]} over distinct arrays indexed from 0, and not when
 * the same loop reads one flat array at several offsets (measured 25-33 against 4-9 GFLOP/s for 128 x 128). The
 * group of four weight rows is applied to every row of the batch before the next group, so with many rows each
 * weight is read from memory once and then from L1.
 */
final class RowProduct {
    private RowProduct() {
    }

    /**
     * Writes {@code bias + x[e] W} into {@code out[e][0, cols)} for {@code e < n}.
     *
     * @param x    n input rows, each at least {@code w.length} long
     * @param w    the weight rows, {@code w[i]} of length at least {@code cols}
     * @param bias the bias row, or null for none
     * @param out  n output rows, each at least {@code cols} long (not aliasing {@code x})
     */
    static void multiply(final float[][] x, final int n, final float[][] w, final float[] bias, final int cols,
                         final float[][] out) {
        multiply(x, n, w, bias, cols, out, w.length);
    }

    private static void multiply(final float[][] x, final int n, final float[][] w, final float[] bias,
                                 final int cols, final float[][] out, final int rows) {
        for (int e = 0; e < n; e++) {
            if (bias == null) {
                java.util.Arrays.fill(out[e], 0, cols, 0f);
            } else {
                System.arraycopy(bias, 0, out[e], 0, cols);
            }
        }
        accumulate(x, n, w, 0, rows, cols, out);
    }

    /**
     * {@link #multiply} of one row in two parts, with the same bits: {@code partial = bias + x[0, split) W[0, split)}
     * first (when {@code resume} is false), then {@code out = partial + x[split, ..) W[split, ..)}. With
     * {@code resume} the kept {@code partial} is reused as it is: the caller guarantees that it was computed from
     * the same weights and bias and the same first {@code split} inputs (the embedding prefix of an event that
     * {@link DeepMixModel#learn} re-scores after {@link DeepMixModel#predict}, whose numeric inputs alone moved).
     *
     * @param split a multiple of four, at most {@code w.length}: the groups of four are the same as in one pass
     */
    static void multiplySplit(final float[] x, final float[][] w, final float[] bias, final int cols, final int split,
                              final boolean resume, final float[] partial, final float[] out) {
        if (split % 4 != 0 || split > w.length) {
            throw new IllegalArgumentException("split " + split + " must be a multiple of 4 and at most " + w.length);
        }
        final float[][] xs = {x};
        if (!resume) {
            final float[][] ps = {partial};
            multiply(xs, 1, w, bias, cols, ps, split);
        }
        System.arraycopy(partial, 0, out, 0, cols);
        accumulate(xs, 1, w, split, w.length, cols, new float[][] {out});
    }

    /**
     * {@code out[e] += x[e][from, to) W[from, to)} in {@link RowProduct}'s order: groups of four from {@code from}
     * (a multiple of four), then the last {@code (to - from) % 4} rows one at a time.
     */
    private static void accumulate(final float[][] x, final int n, final float[][] w, final int from, final int to,
                                   final int cols, final float[][] out) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            final float[] w0 = w[i];
            final float[] w1 = w[i + 1];
            final float[] w2 = w[i + 2];
            final float[] w3 = w[i + 3];
            for (int e = 0; e < n; e++) {
                final float[] xe = x[e];
                final float x0 = xe[i];
                final float x1 = xe[i + 1];
                final float x2 = xe[i + 2];
                final float x3 = xe[i + 3];
                if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f) {
                    continue;
                }
                final float[] o = out[e];
                for (int j = 0; j < cols; j++) {
                    o[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                }
            }
        }
        for (; i < to; i++) {
            final float[] wi = w[i];
            for (int e = 0; e < n; e++) {
                final float xi = x[e][i];
                if (xi == 0f) {
                    continue;
                }
                final float[] o = out[e];
                for (int j = 0; j < cols; j++) {
                    o[j] += xi * wi[j];
                }
            }
        }
    }
}
