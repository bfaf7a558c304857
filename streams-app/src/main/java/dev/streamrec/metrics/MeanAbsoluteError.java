package dev.streamrec.metrics;


/** Cumulative mean absolute error {@code mean |y - yhat|}. Not thread-safe. */
public final class MeanAbsoluteError {
    /** The key of this metric's persisted state. */
    public static final String KIND = "mae";

    private double sum;
    private long count;

    public void add(final double label, final double prediction) {
        final double e = Math.abs(label - prediction);
        if (Double.isNaN(e)) {
            throw new IllegalArgumentException("MAE needs finite values, got " + label + ", " + prediction);
        }
        sum += e;
        count++;
    }

    /** Mean absolute error so far, NaN before the first event. */
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public long count() {
        return count;
    }

    /** Persisted state ({@link MetricStateFormat}): the absolute error sum, then the count. */
    public byte[] state() {
        return MetricStateFormat.sumAndCount(sum, count);
    }

    /** Continues from {@code state} as written by {@link #state()}; rejects an unknown format version. */
    public void restore(final byte[] state) {
        final MetricStateFormat.SumAndCount restored = MetricStateFormat.readSumAndCount(KIND, state);
        sum = restored.sum();
        count = restored.count();
    }
}
