package dev.streamrec.metrics;


/** Cumulative root mean squared error {@code sqrt(mean (y - yhat)^2)}. Not thread-safe. */
public final class RootMeanSquaredError {
    /** The key of this metric's persisted state. */
    public static final String KIND = "rmse";

    private double sumSquares;
    private long count;

    public void add(final double label, final double prediction) {
        final double e = label - prediction;
        if (Double.isNaN(e)) {
            throw new IllegalArgumentException("RMSE needs finite values, got " + label + ", " + prediction);
        }
        sumSquares += e * e;
        count++;
    }

    /** Root mean squared error so far, NaN before the first event. */
    public double value() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSquares / count);
    }

    public long count() {
        return count;
    }

    /** Persisted state ({@link MetricStateFormat}): the squared error sum, then the count. */
    public byte[] state() {
        return MetricStateFormat.sumAndCount(sumSquares, count);
    }

    /** Continues from {@code state} as written by {@link #state()}; rejects an unknown format version. */
    public void restore(final byte[] state) {
        final MetricStateFormat.SumAndCount restored = MetricStateFormat.readSumAndCount(KIND, state);
        sumSquares = restored.sum();
        count = restored.count();
    }
}
