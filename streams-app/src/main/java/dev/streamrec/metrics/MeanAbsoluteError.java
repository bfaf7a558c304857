package dev.streamrec.metrics;

/** Cumulative mean absolute error {@code mean |y - yhat|}. Not thread-safe. */
public final class MeanAbsoluteError {
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
}
