package dev.streamrec.evaluation;

import java.util.List;

import dev.streamrec.metrics.LabelCounts;
import dev.streamrec.metrics.MetricsSnapshot;

/**
 * One model's outcome.
 *
 * @param model          the model's name
 * @param parameterCount parameters held at the end
 * @param metrics        the metrics over the measured part of the stream
 * @param seconds        wall-clock seconds the model spent predicting, learning and persisting
 * @param eventsPerSecond events of the whole run per second of the model's own time
 * @param curve          the metrics over the measured events, one point per stride
 * @param labels         the multi-label metric's counts per label at the end (empty for a model without items)
 * @param labelNames     the labels' names in index order (empty when the model names none)
 */
public record ModelResult(String model, long parameterCount, MetricsSnapshot metrics, double seconds,
                          double eventsPerSecond, List<CurvePoint> curve, List<LabelCounts> labels,
                          List<String> labelNames) {
    public ModelResult {
        curve = List.copyOf(curve);
        labels = List.copyOf(labels);
        labelNames = List.copyOf(labelNames);
    }
}
