package dev.streamrec.models.deepmix;

/**
 * Rows of one activation of the prediction path ({@link RowProduct}), one {@code float[]} each, allocated as the
 * number of rows first grows and reused after that (never shrunk).
 */
final class RowBuffer {
    private final int width;
    private float[][] rows = new float[0][];

    RowBuffer(final int width) {
        this.width = width;
    }

    /** At least {@code n} rows of {@link #width()} floats; contents are whatever the last pass wrote. */
    float[][] rows(final int n) {
        if (rows.length < n) {
            final float[][] grown = java.util.Arrays.copyOf(rows, n);
            for (int e = rows.length; e < n; e++) {
                grown[e] = new float[width];
            }
            rows = grown;
        }
        return rows;
    }

    int width() {
        return width;
    }
}
