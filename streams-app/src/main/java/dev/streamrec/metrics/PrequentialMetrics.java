package dev.streamrec.metrics;

import dev.streamrec.features.Task;
import java.util.Objects;

/**
 * The prequential (test-then-train) metrics of one model: for {@link Task#CLICK} a sliding-window AUC and the
 * cumulative log loss of the click probability; for {@link Task#RATING} the cumulative MAE and RMSE of the
 * predicted rating; for models that classify items (the genre head), micro- and macro-F1 of the predicted label
 * sets. Record each event's (or item's) prediction made before the model learned from it. Not thread-safe.
 */
public final class PrequentialMetrics {
    private final String model;
    private final SlidingWindowAuc auc;
    private final LogLoss logLoss = new LogLoss();
    private final MeanAbsoluteError mae = new MeanAbsoluteError();
    private final RootMeanSquaredError rmse = new RootMeanSquaredError();
    private MultiLabelF1 labels;

    public PrequentialMetrics(final String model) {
        this(model, SlidingWindowAuc.DEFAULT_WINDOW);
    }

    /** @param aucWindow events the click AUC covers */
    public PrequentialMetrics(final String model, final int aucWindow) {
        this.model = Objects.requireNonNull(model, "model");
        this.auc = new SlidingWindowAuc(aucWindow);
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
            }
            case RATING -> {
                mae.add(label, prediction);
                rmse.add(label, prediction);
            }
        }
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
