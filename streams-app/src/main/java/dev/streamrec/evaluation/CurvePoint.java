package dev.streamrec.evaluation;

import dev.streamrec.metrics.MetricsSnapshot;

/**
 * One model's metrics after some events of the measured part of the stream.
 *
 * @param events  measured events so far
 * @param metrics the model's metrics at that point
 */
public record CurvePoint(long events, MetricsSnapshot metrics) {
}
