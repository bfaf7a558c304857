package dev.streamrec.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Prequential micro- and macro-F1 of a multi-label classifier: feed every item's predicted set (probability
 * {@code >= threshold}) and true set before learning it. Micro-F1 = 2TP / (2TP + FP + FN) over all labels; macro-F1
 * = the mean of the per-label F1 over labels that occurred in a truth or a prediction.
 */
public final class MultiLabelF1 {
    /** The key of this metric's persisted state. */
    public static final String KIND = "f1";

    private final double threshold;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;
    private long items;

    /** An evaluator at the usual threshold 0.5. */
    public MultiLabelF1(final int labels) {
        this(labels, 0.5);
    }

    public MultiLabelF1(final int labels, final double threshold) {
        this.threshold = threshold;
        tp = new long[labels];
        fp = new long[labels];
        fn = new long[labels];
    }

    /** Counts one item: {@code probabilities[k]} for each label, {@code truth} its true label indices. */
    public void record(final double[] probabilities, final int[] truth) {
        if (probabilities.length != tp.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + tp.length + " labels");
        }
        for (int k = 0; k < tp.length; k++) {
            final boolean predicted = probabilities[k] >= threshold;
            final boolean actual = contains(truth, k);
            if (predicted && actual) {
                tp[k]++;
            } else if (predicted) {
                fp[k]++;
            } else if (actual) {
                fn[k]++;
            }
        }
        items++;
    }

    private static boolean contains(final int[] labels, final int k) {
        for (final int l : labels) {
            if (l == k) {
                return true;
            }
        }
        return false;
    }

    public long items() {
        return items;
    }

    public double microF1() {
        long t = 0;
        long f = 0;
        for (int k = 0; k < tp.length; k++) {
            t += tp[k];
            f += fp[k] + fn[k];
        }
        return t + f == 0 ? 0.0 : 2.0 * t / (2.0 * t + f);
    }

    /** Every label's counts, in label order (the per-label view of {@link #macroF1()}). */
    public List<LabelCounts> perLabel() {
        final List<LabelCounts> counts = new ArrayList<>(tp.length);
        for (int k = 0; k < tp.length; k++) {
            counts.add(new LabelCounts(k, tp[k], fp[k], fn[k]));
        }
        return List.copyOf(counts);
    }

    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < tp.length; k++) {
            final long denominator = 2 * tp[k] + fp[k] + fn[k];
            if (denominator > 0) {
                sum += 2.0 * tp[k] / denominator;
                n++;
            }
        }
        return n == 0 ? 0.0 : sum / n;
    }

    /**
     * Persisted state ({@link MetricStateFormat}): label count, threshold, items, then the true-positive,
     * false-positive and false-negative count of every label.
     */
    public byte[] state() {
        final ByteBuffer out = MetricStateFormat.writer(stateBytes(tp.length)).putInt(tp.length)
            .putDouble(threshold).putLong(items);
        for (final long[] counts : new long[][] {tp, fp, fn}) {
            for (final long c : counts) {
                out.putLong(c);
            }
        }
        return out.array();
    }

    /** The evaluator that continues from {@code state} as written by {@link #state()}. */
    public static MultiLabelF1 restored(final byte[] state) {
        if (state == null || state.length < 1 + Integer.BYTES) {
            throw new IllegalArgumentException("persisted state of metric " + KIND + " is too short");
        }
        final int labels = ByteBuffer.wrap(state, 1, Integer.BYTES).getInt();
        if (labels < 0 || labels > (Integer.MAX_VALUE - 64) / (3 * Long.BYTES)) {
            throw new IllegalArgumentException("persisted state of metric " + KIND + " has " + labels + " labels");
        }
        final ByteBuffer in = MetricStateFormat.reader(KIND, state, stateBytes(labels));
        in.getInt();
        final MultiLabelF1 f1 = new MultiLabelF1(labels, in.getDouble());
        f1.items = in.getLong();
        for (final long[] counts : new long[][] {f1.tp, f1.fp, f1.fn}) {
            for (int k = 0; k < labels; k++) {
                counts[k] = in.getLong();
            }
        }
        return f1;
    }

    private static int stateBytes(final int labels) {
        return Integer.BYTES + Double.BYTES + Long.BYTES + 3 * labels * Long.BYTES;
    }
}
