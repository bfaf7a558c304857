package dev.streamrec.metrics;

import dev.streamrec.features.Task;
import java.util.Objects;

/**
 * The prequential (test-then-train) metrics of one model: for {@link Task#CLICK} a sliding-window AUC and the
 * cumulative log loss of the click probability; for {@link Task#RATING} the cumulative MAE and RMSE of the
 * predicted rating. Record each event's prediction made before the model learned from it. Not thread-safe.
 */
public final class PrequentialMetrics {
    private final String model;
    private final SlidingWindowAuc auc;
    private final LogLoss logLoss = new LogLoss();
    private final MeanAbsoluteError mae = new MeanAbsoluteError();
    private final RootMeanSquaredError rmse = new RootMeanSquaredError();

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

    public String model() {
        return model;
    }

    public MetricsSnapshot snapshot() {
        return new MetricsSnapshot(model, logLoss.count(), mae.count(), auc.size(), auc.auc(), logLoss.value(),
            mae.value(), rmse.value());
    }
}
