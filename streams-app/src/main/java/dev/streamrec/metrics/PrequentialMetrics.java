package dev.streamrec.metrics;

import dev.streamrec.features.Task;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The prequential (test-then-train) metrics of one model: for {@link Task#CLICK} a sliding-window AUC and the
 * cumulative log loss of the click probability; for {@link Task#RATING} the cumulative MAE and RMSE of the
 * predicted rating; for models that classify items (the genre head), micro- and macro-F1 of the predicted label
 * sets. Record each event's (or item's) prediction made before the model learned from it. Not thread-safe.
 *
 * <p>{@link #flush} writes the state entries changed since the previous flush to the {@link MetricStateSink} (each
 * metric's own entry under its {@code KIND} key; for the AUC also every ring slot an event took since), so the
 * metrics can be {@linkplain #restore restored} at a checkpoint and continue bit for bit. A metric kind added later
 * adds its own keys; {@link #restore} rejects keys it does not know rather than silently dropping state.
 */
public final class PrequentialMetrics {
    private final String model;
    private final SlidingWindowAuc auc;
    private final LogLoss logLoss = new LogLoss();
    private final MeanAbsoluteError mae = new MeanAbsoluteError();
    private final RootMeanSquaredError rmse = new RootMeanSquaredError();
    private final MetricStateSink sink;
    private MultiLabelF1 labels;
    /** Ring slots of the AUC written since the last {@link #flush}. */
    private final BitSet dirtySlots = new BitSet();
    private boolean clicksDirty;
    private boolean ratingsDirty;
    private boolean labelsDirty;

    public PrequentialMetrics(final String model) {
        this(model, SlidingWindowAuc.DEFAULT_WINDOW);
    }

    /** @param aucWindow events the click AUC covers */
    public PrequentialMetrics(final String model, final int aucWindow) {
        this(model, aucWindow, MetricStateSink.DISCARD);
    }

    /**
     * @param aucWindow events the click AUC covers
     * @param sink      where every change of state goes
     */
    public PrequentialMetrics(final String model, final int aucWindow, final MetricStateSink sink) {
        this.model = Objects.requireNonNull(model, "model");
        this.auc = new SlidingWindowAuc(aucWindow);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Continues from persisted state: the latest value of every key this class wrote to its sink. Call once,
     * before the first {@link #record}; an empty map leaves the metrics empty.
     *
     * @throws IllegalArgumentException on an unknown key, an unknown format version or inconsistent state
     */
    public void restore(final Map<String, byte[]> state) {
        for (final Map.Entry<String, byte[]> entry : state.entrySet()) {
            final String key = entry.getKey();
            switch (key) {
                case LogLoss.KIND -> logLoss.restore(entry.getValue());
                case MeanAbsoluteError.KIND -> mae.restore(entry.getValue());
                case RootMeanSquaredError.KIND -> rmse.restore(entry.getValue());
                case MultiLabelF1.KIND -> labels = MultiLabelF1.restored(entry.getValue());
                case SlidingWindowAuc.KIND -> auc.restore(entry.getValue(),
                    slot -> state.get(SlidingWindowAuc.slotKey(slot)));
                default -> {
                    if (!key.startsWith(SlidingWindowAuc.KIND + "/")) {
                        throw new IllegalArgumentException("unknown persisted metric state " + key + " of model "
                            + model);
                    }
                }
            }
        }
    }

    /**
     * Records one event.
     *
     * @param label      1/0 for clicks (a label above 0.5 counts as positive for the AUC); the rating for ratings
     * @param prediction the click probability or the predicted rating
     */
    public void record(final Task task, final double label, final double prediction) {
        switch (task) {
            case CLICK -> {
                logLoss.add(label, prediction);
                auc.add(prediction, label > 0.5);
                clicksDirty = true;
                if (sink != MetricStateSink.DISCARD) {
                    dirtySlots.set(auc.lastSlot());
                }
            }
            case RATING -> {
                mae.add(label, prediction);
                rmse.add(label, prediction);
                ratingsDirty = true;
            }
        }
    }

    /** Writes every state entry changed since the previous flush to the sink (a checkpoint of the metrics). */
    public void flush() {
        if (clicksDirty) {
            sink.put(LogLoss.KIND, logLoss.state());
            for (int slot = dirtySlots.nextSetBit(0); slot >= 0; slot = dirtySlots.nextSetBit(slot + 1)) {
                sink.put(SlidingWindowAuc.slotKey(slot), auc.slotState(slot));
            }
            sink.put(SlidingWindowAuc.KIND, auc.summaryState());
        }
        if (ratingsDirty) {
            sink.put(MeanAbsoluteError.KIND, mae.state());
            sink.put(RootMeanSquaredError.KIND, rmse.state());
        }
        if (labelsDirty) {
            sink.put(MultiLabelF1.KIND, labels.state());
        }
        dirtySlots.clear();
        clicksDirty = false;
        ratingsDirty = false;
        labelsDirty = false;
    }

    /**
     * Records one item's multi-label prediction.
     *
     * @param probabilities one probability per label of the model's label vocabulary (a label counts as predicted
     *                      at 0.5 or above)
     * @param truth         the indices of the item's true labels
     */
    public void recordItem(final double[] probabilities, final int[] truth) {
        if (labels == null) {
            labels = new MultiLabelF1(probabilities.length);
        }
        labels.record(probabilities, truth);
        labelsDirty = true;
    }

    /** Every label's counts of the multi-label metric, in label order; empty before the first item. */
    public List<LabelCounts> perLabel() {
        return labels == null ? List.of() : labels.perLabel();
    }

    public String model() {
        return model;
    }

    public MetricsSnapshot snapshot() {
        return new MetricsSnapshot(model, logLoss.count(), mae.count(), auc.size(), auc.auc(), logLoss.value(),
            mae.value(), rmse.value(), labels == null ? 0 : labels.items(),
            labels == null ? Double.NaN : labels.microF1(), labels == null ? Double.NaN : labels.macroF1());
    }
}
