package dev.streamrec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class SnapshotAgeGaugeTest {
    private final StreamsMetrics metrics = new MockProcessorContext<String, String>().metrics();

    @Test
    void shouldReportNaNUntilTheFirstSnapshotThenStreamTimeSinceIt() {
        final SnapshotAgeGauge gauge = new SnapshotAgeGauge(metrics, "0_1");
        for (int i = 0; i < SnapshotAgeGauge.REFRESH_EVERY; i++) {
            gauge.onEvent(1_000L + i);
        }
        assertTrue(Double.isNaN(gauge.ageMillis()));
        assertTrue(Double.isNaN(value("snapshot-age-ms")));

        gauge.snapshotEmitted(1_100L);
        assertEquals(1_000L + SnapshotAgeGauge.REFRESH_EVERY - 1 - 1_100L, gauge.ageMillis());
        assertEquals(1_100.0, value("snapshot-stream-time-ms"));

        for (int i = 0; i < SnapshotAgeGauge.REFRESH_EVERY; i++) {
            gauge.onEvent(500L); // late events do not move stream time back
        }
        gauge.onEvent(61_100L);
        for (int i = 1; i < SnapshotAgeGauge.REFRESH_EVERY; i++) {
            gauge.onEvent(61_100L);
        }
        assertEquals(60_000.0, gauge.ageMillis());
        assertEquals(60_000.0, value("snapshot-age-ms"));
        gauge.close();
        assertTrue(metrics.metrics().keySet().stream().noneMatch(n -> n.group().equals(SnapshotAgeGauge.GROUP)));
    }

    private double value(final String name) {
        final Metric metric = metrics.metrics().entrySet().stream()
            .filter(e -> e.getKey().group().equals(SnapshotAgeGauge.GROUP) && e.getKey().name().equals(name))
            .findFirst().orElseThrow().getValue();
        return ((Number) metric.metricValue()).doubleValue();
    }
}
