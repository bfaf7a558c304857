package dev.streamrec.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of latencies.
 *
 * @param count how many latencies
 * @param p50   median, nanoseconds
 * @param p90   90th percentile, nanoseconds
 * @param p99   99th percentile, nanoseconds
 * @param max   largest, nanoseconds
 */
public record Percentiles(int count, long p50, long p90, long p99, long max) {
    /** Summarizes at least one latency (nanoseconds). */
    public static Percentiles of(final long[] latencies) {
        if (latencies.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        final long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
            sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code p} percent of the values at or below it. */
    private static long rank(final long[] sorted, final int p) {
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
