package dev.streamrec.evaluation;

import java.util.List;
import java.util.function.Supplier;

import dev.streamrec.metrics.MetricsSnapshot;

/** Told of an evaluation's progress after every measured or learned event, on the evaluating thread. */
@FunctionalInterface
public interface EvaluationProgress {
    /** Reports nothing. */
    EvaluationProgress NONE = (events, total, metrics) -> { };

    /**
     * @param events  events replayed so far
     * @param total   events the evaluation will replay
     * @param metrics each model's running metrics, computed only when asked for
     */
    void update(long events, long total, Supplier<List<MetricsSnapshot>> metrics);
}
