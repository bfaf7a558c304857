package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.streamrec.metrics.ModelMetricsReporter;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ScoredEvent;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model gauges of a running topology: NaN until there is a value, then refreshed on the wall clock. */
class ModelGaugesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final int EVENTS = 40; // far fewer than the per-event refresh period

    @TempDir
    Path stateDir;

    @Test
    void gaugesReadNaNUntilThereIsAValueThenRealValuesWithinAWallClockSecond() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            assertTrue(Double.isNaN(gauge(f, "auc")), "a fresh task has no AUC: NaN, not 0");
            assertTrue(Double.isNaN(gauge(f, "log-loss")));
            assertTrue(Double.isNaN(gauge(f, "rmse")));
            assertEquals(0.0, gauge(f, "events"), "zero events is a real value");

            feed(f);
            assertTrue(Double.isNaN(gauge(f, "auc")), "not refreshed yet: still the last refreshed value");
            f.driver.advanceWallClockTime(ModelMetricsReporter.REFRESH_INTERVAL);
            final double auc = gauge(f, "auc");
            assertTrue(auc > 0.0 && auc <= 1.0, "a real AUC once clicks of both classes were scored: " + auc);
            assertFalse(Double.isNaN(gauge(f, "log-loss")));
            assertEquals(EVENTS, gauge(f, "events"));
            assertEquals(EVENTS, gauge(f, "version"), "LR learns every event");
            assertTrue(Double.isNaN(gauge(f, "rmse")), "no rating yet");
        }
    }

    @Test
    void wallClockRefreshesChangeNothingTheTopologyWrites(@TempDir final Path otherStateDir) {
        final List<ScoredEvent> quiet;
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            feed(f);
            quiet = f.scored.readValuesToList();
        }
        try (TopologyFixture f = new TopologyFixture(otherStateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            for (int n = 0; n < EVENTS; n++) {
                f.impression("e" + n, "u" + n % 3, "i" + n % 4, T0 + n, n % 3 == 0);
                f.driver.advanceWallClockTime(Duration.ofMillis(700));
            }
            assertEquals(quiet, f.scored.readValuesToList());
        }
    }

    private static void feed(final TopologyFixture f) {
        for (int n = 0; n < EVENTS; n++) {
            f.impression("e" + n, "u" + n % 3, "i" + n % 4, T0 + n, n % 3 == 0);
        }
    }

    private static double gauge(final TopologyFixture f, final String name) {
        final Map<MetricName, ? extends Metric> metrics = f.driver.metrics();
        final List<Double> values = metrics.entrySet().stream()
            .filter(e -> e.getKey().group().equals(ModelMetricsReporter.GROUP) && e.getKey().name().equals(name)
                && "lr".equals(e.getKey().tags().get("model")))
            .map(e -> ((Number) e.getValue().metricValue()).doubleValue()).toList();
        assertEquals(1, values.size(), "one " + name + " gauge for the one task: " + values);
        return values.get(0);
    }
}
