package dev.streamrec.models.deepmix;

import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.StateCodec;

import java.util.Arrays;

/**
 * Per-label decision thresholds of the genre head, learned online: for every label, histograms of the head's
 * cold probabilities (predicted before the item's labels were learned) of positive and of negative items, in bins
 * of the logit; a label's threshold is the bin edge that maximises its F1 = 2TP / (2TP + FP + FN) on the items seen
 * so far. A fixed 0.5 is a poor F1 rule for rare labels, whose probabilities rarely reach it.
 *
 * <p>Until a label has {@link #MIN_POSITIVES} positives, its threshold stays 0.5. Counts only grow, so the state is
 * the counts; the thresholds follow from them deterministically.
 */
final class LabelThresholds {
    /** Logit bins: edges {@code LOW + b * WIDTH}, b = 0..BINS. */
    static final int BINS = 64;
    private static final double LOW = -8;
    private static final double WIDTH = 0.25;
    private static final int MIN_POSITIVES = 5;

    private final long[] positives;
    private final long[] negatives;
    private final double[] thresholds;

    LabelThresholds(final int labels) {
        this.positives = new long[labels * BINS];
        this.negatives = new long[labels * BINS];
        this.thresholds = new double[labels];
        Arrays.fill(thresholds, 0.5);
    }

    int labels() {
        return thresholds.length;
    }

    /** The current threshold of label {@code k}: predicted when the probability is at least this. */
    double threshold(final int k) {
        return thresholds[k];
    }

    /** Counts one item's cold probabilities against its true labels and moves the thresholds. */
    void record(final double[] probabilities, final ItemExample item) {
        for (int k = 0; k < thresholds.length; k++) {
            final int bin = bin(probabilities[k]);
            if (item.hasLabel(k)) {
                positives[k * BINS + bin]++;
            } else {
                negatives[k * BINS + bin]++;
            }
            thresholds[k] = best(k);
        }
    }

    /**
     * Scores whose 0.5 threshold is this rule: {@code p >= t_k} maps to {@code [0.5, 1]}, below to {@code [0, 0.5)},
     * monotone in p, so a caller that thresholds at 0.5 applies the learned thresholds.
     */
    double[] decisionScores(final double[] probabilities) {
        final double[] s = new double[probabilities.length];
        for (int k = 0; k < s.length; k++) {
            final double t = thresholds[k];
            final double p = probabilities[k];
            s[k] = p >= t ? 0.5 + 0.5 * (p - t) / (1 - t) : 0.5 * p / t;
        }
        return s;
    }

    private static int bin(final double p) {
        final double logit = Math.log(p) - Math.log1p(-p);
        final int b = (int) Math.floor((logit - LOW) / WIDTH);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    /** The edge e_b (probability) maximising F1 when every bin at or above b is predicted. */
    private double best(final int k) {
        long totalPositives = 0;
        for (int b = 0; b < BINS; b++) {
            totalPositives += positives[k * BINS + b];
        }
        if (totalPositives < MIN_POSITIVES) {
            return 0.5;
        }
        long tp = 0;
        long fp = 0;
        double bestF1 = -1;
        int bestBin = BINS - 1;
        for (int b = BINS - 1; b >= 0; b--) {
            tp += positives[k * BINS + b];
            fp += negatives[k * BINS + b];
            final double f1 = 2.0 * tp / (2.0 * tp + fp + (totalPositives - tp));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestBin = b;
            }
        }
        final double edge = LOW + bestBin * WIDTH;
        return 1 / (1 + Math.exp(-edge));
    }

    /** The counts, positives then negatives, label-major. */
    long[] counts() {
        final long[] c = Arrays.copyOf(positives, positives.length * 2);
        System.arraycopy(negatives, 0, c, positives.length, negatives.length);
        return c;
    }

    void restore(final long[] counts) {
        if (counts.length != positives.length * 2) {
            throw new IllegalArgumentException("deepmix state mismatch: " + counts.length + " threshold counts vs "
                + positives.length * 2 + " (labels x " + BINS + " bins x 2)");
        }
        System.arraycopy(counts, 0, positives, 0, positives.length);
        System.arraycopy(counts, positives.length, negatives, 0, negatives.length);
        for (int k = 0; k < thresholds.length; k++) {
            thresholds[k] = best(k);
        }
    }

    /** The counts as one persisted part: their number, then each count. */
    Persisted persisted() {
        return Persisted.single(out -> {
            final long[] counts = counts();
            out.writeInt(counts.length);
            for (final long c : counts) {
                out.writeLong(c);
            }
        }, in -> {
            final long[] counts = new long[in.readInt()];
            StateCodec.check(counts.length == positives.length * 2, "threshold counts", counts.length,
                positives.length * 2);
            for (int i = 0; i < counts.length; i++) {
                counts[i] = in.readLong();
            }
            restore(counts);
        });
    }
}
