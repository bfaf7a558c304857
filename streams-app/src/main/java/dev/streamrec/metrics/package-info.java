/**
 * Prequential evaluation: every event is scored before the model learns from it, and these pure evaluators
 * (sliding-window exact AUC, cumulative log loss, MAE, RMSE) summarise the scores per model in a
 * {@link dev.streamrec.metrics.MetricsSnapshot}. The evaluators never import Kafka.
 */
package dev.streamrec.metrics;
