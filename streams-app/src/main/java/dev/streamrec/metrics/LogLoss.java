package dev.streamrec.metrics;


/**
 * Cumulative mean logistic loss {@code -(y ln p + (1 - y) ln(1 - p))}, with p clipped to {@code [eps, 1 - eps]} so a
 * confident miss costs at most {@code -ln eps} instead of infinity. Not thread-safe.
 */
public final class LogLoss {
    public static final double DEFAULT_EPSILON = 1e-15;
    /** The key of this metric's persisted state. */
    public static final String KIND = "logloss";

    private final double epsilon;
    private double sum;
    private long count;

    public LogLoss() {
        this(DEFAULT_EPSILON);
    }

    /** @param epsilon probability clip, in (0, 0.5) */
    public LogLoss(final double epsilon) {
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException("epsilon must be in (0, 0.5), got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** @param label the outcome in [0, 1]; @param probability the predicted probability of 1 */
    public void add(final double label, final double probability) {
        if (!(label >= 0 && label <= 1) || Double.isNaN(probability)) {
            throw new IllegalArgumentException("need label in [0, 1] and a probability, got " + label + ", "
                + probability);
        }
        final double p = Math.max(epsilon, Math.min(1 - epsilon, probability));
        sum -= label * Math.log(p) + (1 - label) * Math.log(1 - p);
        count++;
    }

    /** Mean loss so far, NaN before the first event. */
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public long count() {
        return count;
    }

    /** Persisted state ({@link MetricStateFormat}): the loss sum, then the count. */
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
