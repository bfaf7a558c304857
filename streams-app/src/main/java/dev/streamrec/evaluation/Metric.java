package dev.streamrec.evaluation;

import java.util.function.ToDoubleFunction;

import dev.streamrec.metrics.MetricsSnapshot;

/** The metrics a report shows, each with its task, a file-name-safe key and how to read it from a snapshot. */
public enum Metric {
    CLICK_AUC("click", "click-auc", "click AUC", MetricsSnapshot::auc),
    CLICK_LOG_LOSS("click", "click-log-loss", "click log loss", MetricsSnapshot::logLoss),
    RATING_MAE("rating", "rating-mae", "rating MAE", MetricsSnapshot::mae),
    RATING_RMSE("rating", "rating-rmse", "rating RMSE", MetricsSnapshot::rmse),
    GENRE_MICRO_F1("genre", "genre-micro-f1", "genre micro-F1", MetricsSnapshot::microF1),
    GENRE_MACRO_F1("genre", "genre-macro-f1", "genre macro-F1", MetricsSnapshot::macroF1);

    private final String task;
    private final String key;
    private final String title;
    private final ToDoubleFunction<MetricsSnapshot> read;

    Metric(final String task, final String key, final String title, final ToDoubleFunction<MetricsSnapshot> read) {
        this.task = task;
        this.key = key;
        this.title = title;
        this.read = read;
    }

    public String task() {
        return task;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public double of(final MetricsSnapshot snapshot) {
        return read.applyAsDouble(snapshot);
    }

    /** Events of the metric's task the snapshot covers (clicks, ratings or items). */
    public long count(final MetricsSnapshot snapshot) {
        return switch (task) {
            case "click" -> snapshot.clickCount();
            case "rating" -> snapshot.ratingCount();
            default -> snapshot.itemCount();
        };
    }
}
