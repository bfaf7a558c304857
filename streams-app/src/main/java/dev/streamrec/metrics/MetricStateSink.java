package dev.streamrec.metrics;

/**
 * Where {@link PrequentialMetrics} writes the entries of its state that changed with an event. Keys are short
 * ASCII names owned by the metric classes; values are in their versioned byte format ({@link MetricStateFormat}).
 * The topology backs this with a changelogged state store, unit tests with a map. Metrics never see Kafka.
 *
 * <p>The sink may keep the arrays it is given: callers must not modify or reuse them after the call.
 */
@FunctionalInterface
public interface MetricStateSink {
    /** A sink that keeps nothing, for metrics that need not survive a restart. */
    MetricStateSink DISCARD = (key, value) -> { };

    void put(String key, byte[] value);
}
