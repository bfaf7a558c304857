/**
 * The operations endpoint of a running instance: one small HTTP server (the JDK's {@code com.sun.net.httpserver})
 * serving {@code /metrics} in the Prometheus text format (Micrometer, with Kafka Streams' own metrics and
 * streamrec's, which are registered as Kafka Streams metrics, bound by Micrometer's {@code KafkaStreamsMetrics}),
 * and {@code /health/live} and {@code /health/ready}, driven by the {@code KafkaStreams} state.
 */
package dev.streamrec.endpoint;
