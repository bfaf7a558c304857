package dev.streamrec.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Median and spread of repeated measurements of one quantity.
 *
 * @param median the median (mean of the middle two for an even count)
 * @param min    the smallest measurement
 * @param max    the largest measurement
 * @param count  how many measurements
 */
public record Spread(double median, double min, double max, int count) {
    /** Summarizes at least one measurement. */
    public static Spread of(final double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** Half the range relative to the median, in percent: "median ± this %" covers every measurement. */
    public double halfRangePercent() {
        return median == 0 ? 0 : 100.0 * (max - min) / 2 / median;
    }

    /** {@code 123,456 (±1.2 %, n=3)}; a single measurement has no spread: {@code 123,456 (n=1)}. */
    public String format() {
        if (count == 1) {
            return String.format(Locale.ROOT, "%,.0f (n=1)", median);
        }
        return String.format(Locale.ROOT, "%,.0f (±%.1f %%, n=%d)", median, halfRangePercent(), count);
    }
}
