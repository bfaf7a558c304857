package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.streamrec.cli.DemoRun;
import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code demo} pipeline (embedded broker and registry, streamrec, a synthetic source held at gates) with
 * the operations endpoint on, and checks over real HTTP: readiness is down before the client runs and up once it
 * is RUNNING; the streamrec metrics are exposed and move between two scrapes; and every metric the Grafana
 * dashboard and the Prometheus alert rules use is one the endpoint really exposes.
 */
class MetricsEndpointIT {
    private static final long PHASE = 800;
    private static final String DEAD_LETTERS = "kafka_streamrec_dead_letters_dead_letter_total";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldExposeMovingStreamrecMetricsAndFlipReadinessWhenRunning(@TempDir final Path stateDir)
        throws Exception {
        final GatedSource source = new GatedSource(
            new SyntheticStream(SyntheticConfig.defaults().withSeed(3).withSize(200, 100, 3 * PHASE)), PHASE, 3);
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            props.put("application.id", "metrics-endpoint-it");
            props.put("state.dir", stateDir.toString());
            props.put("commit.interval.ms", "200");
            props.put(StreamrecConfig.PARTITIONS, "2");
            props.put(StreamrecConfig.HTTP_PORT, "0");
            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final DemoRun run = new DemoRun(new StreamrecConfig(props), source, 3 * PHASE, Duration.ofMinutes(5),
                new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(300));
            final Future<Integer> exit = executor.submit(run::execute);

            source.awaitAt(0);
            final int port = run.httpPort();
            assertTrue(port > 0, "the endpoint serves before streamrec starts");
            final HttpResponse<String> notReady = Scrape.get(port, "/health/ready");
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().contains("\"state\":\"CREATED\""), notReady.body());
            assertEquals(200, Scrape.get(port, "/health/live").statusCode());
            source.open(0);

            source.awaitAt(1);
            awaitTrue(() -> Scrape.get(port, "/health/ready").statusCode() == 200, "readiness never flipped");
            assertTrue(Scrape.get(port, "/health/ready").body().contains("\"state\":\"RUNNING\""));
            awaitTrue(() -> Scrape.of(port).sum("kafka_streamrec_models_events", "model=\"lr\"") >= 256,
                "no model events exposed");
            final Scrape first = Scrape.of(port);
            source.open(1);

            source.awaitAt(2);
            final double firstEvents = first.sum("kafka_streamrec_models_events", "model=\"lr\"");
            final double firstDeadLetters = first.sum(DEAD_LETTERS, "");
            awaitTrue(() -> {
                final Scrape now = Scrape.of(port);
                return now.sum("kafka_streamrec_models_events", "model=\"lr\"") >= firstEvents + 256
                    && now.sum(DEAD_LETTERS, "") > firstDeadLetters;
            }, "model events or dead letters did not move");
            final String secondText = Scrape.get(port, "/metrics").body();
            final Scrape second = Scrape.parse(secondText);
            source.open(2);
            assertEquals(0, exit.get(2, TimeUnit.MINUTES), printed.toString(StandardCharsets.UTF_8));

            MetricNames.write(second, Path.of("target", "metrics-endpoint-scrape.txt"));
            Files.writeString(Path.of("target", "metrics-endpoint-scrape.prom"), secondText);
            assertMoved(first, second);
            for (final String file : new String[] {"ops/grafana/dashboards/streamrec.json",
                "ops/prometheus/alerts.yml"}) {
                final Path path = MetricNames.repositoryRoot().resolve(file);
                for (final String used : MetricNames.usedIn(Files.readString(path))) {
                    assertTrue(second.names().contains(used), file + " uses " + used
                        + ", which the endpoint does not expose");
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void assertMoved(final Scrape first, final Scrape second) {
        for (final String model : new String[] {"lr", "lcwd", "deepmix"}) {
            final String tag = "model=\"" + model + "\"";
            assertTrue(second.sum("kafka_streamrec_models_version", tag)
                > first.sum("kafka_streamrec_models_version", tag), model + " version did not move");
            assertTrue(second.sum("kafka_streamrec_models_parameter_count", tag) > 0, model + " parameters");
            assertTrue(second.count("kafka_streamrec_models_auc") > 0, "auc");
            assertTrue(second.sum("kafka_streamrec_models_learn_time_total_ms", tag)
                > first.sum("kafka_streamrec_models_learn_time_total_ms", tag), model + " learn time did not move");
        }
        assertTrue(second.sum("kafka_streamrec_models_learn_time_max_ms", "model=\"lcwd\"") > 0,
            "mini-batch training time");
        assertTrue(second.sum(DEAD_LETTERS, "reason=\"RATING_OUT_OF_RANGE\"")
            > first.sum(DEAD_LETTERS, "reason=\"RATING_OUT_OF_RANGE\""), "dead letters did not move");
        assertTrue(second.count("kafka_streamrec_snapshots_snapshot_age_ms") > 0, "snapshot age gauge");
        assertTrue(second.sum("kafka_stream_topic_records_consumed_total", "topic=\"ratings\"")
            > first.sum("kafka_stream_topic_records_consumed_total", "topic=\"ratings\""), "per-topic events");
        assertEquals(1.0, second.sum("streamrec_streams_state", "state=\"RUNNING\""));
    }

    private static void awaitTrue(final BooleanSupplier condition, final String message) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message);
            }
            Thread.sleep(200);
        }
    }
}
