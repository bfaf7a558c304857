package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import org.apache.kafka.clients.admin.Admin;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.runtime.StreamsRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism across a restart: the first {@value #RATINGS} ML-100k ratings (and their impressions) go through
 * every model twice on a real broker with exactly-once, once uninterrupted and once stopped half way, its local
 * state deleted (so every store is rebuilt from its changelog), and restarted. Every scored event, predictions and
 * model versions included, must be bit-identical.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RestartDeterminismIT {
    private static final int RATINGS = 8_000;

    @TempDir
    Path stateDir;

    @Test
    void restartFromChangelogsContinuesExactlyWhereItStopped() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        try (StreamrecCluster cluster = new StreamrecCluster("unused", stateDir.resolve("unused"), 2, Map.of())) {
            long events;
            try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(),
                cluster.config.topics(), cluster.serdes)) {
                // Each rating comes with its impression: the first 2 x RATINGS events are the first RATINGS ratings.
                MovieLensDataset.open(movieLens, malformed -> { })
                    .replay(new PublishingSink(publisher, 2L * RATINGS, () -> { }, () -> { }));
                publisher.flush();
                events = publisher.events();
            }
            final Map<String, ScoredEvent> uninterrupted = new HashMap<>();
            final StreamrecConfig a = runConfig(cluster, "determinism-a", "scored-a");
            run(a, events, 0, uninterrupted);
            final Map<String, ScoredEvent> restarted = new HashMap<>();
            final StreamrecConfig b = runConfig(cluster, "determinism-b", "scored-b");
            run(b, events, events / 2, restarted);
            assertEquals(events, uninterrupted.size());
            assertEquals(uninterrupted.keySet(), restarted.keySet());
            for (final Map.Entry<String, ScoredEvent> entry : uninterrupted.entrySet()) {
                assertEquals(entry.getValue(), restarted.get(entry.getKey()),
                    "scored event " + entry.getKey() + " differs after the restart");
            }
            final ScoredEvent any = uninterrupted.values().iterator().next();
            assertTrue(any.getPredictions().stream().map(Prediction::getModel).toList().size() >= 3);
        }
    }

    private StreamrecConfig runConfig(final StreamrecCluster cluster, final String applicationId,
                                      final String scoredTopic) {
        final Map<String, String> props = new HashMap<>(cluster.config.originalsStrings());
        props.put("application.id", applicationId);
        props.put("state.dir", stateDir.resolve(applicationId).toString());
        props.put(StreamrecConfig.TOPIC_SCORED, scoredTopic);
        props.put(StreamrecConfig.TOPIC_DEAD_LETTERS, scoredTopic + "-dead-letters");
        final StreamrecConfig config = new StreamrecConfig(props);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), 2, (short) 1,
                config.getLong(StreamrecConfig.RETENTION_MS));
        }
        return config;
    }

    /** Runs until {@code events} are scored; when {@code stopAfter > 0}, stops there, wipes state, restarts. */
    private static void run(final StreamrecConfig config, final long events, final long stopAfter,
                            final Map<String, ScoredEvent> scored) throws Exception {
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final dev.streamrec.topology.TopicSerdes serdes = new dev.streamrec.topology.TopicSerdes(registry);
        try (OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(), serdes, 1000)) {
            if (stopAfter > 0) {
                try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry),
                    config.streamsProperties())) {
                    runner.start();
                    awaitScored(outputs, runner, stopAfter, scored);
                }
                deleteRecursively(Path.of(config.originalsStrings().get("state.dir")));
            }
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry),
                config.streamsProperties())) {
                runner.start();
                awaitScored(outputs, runner, events, scored);
                outputs.poll(Duration.ofSeconds(1), e -> collect(scored, e), null);
                assertNull(runner.failure());
            }
            assertEquals(events, outputs.scored(), "each event scored exactly once");
        }
    }

    private static void awaitScored(final OutputReader outputs, final StreamsRunner runner, final long target,
                                    final Map<String, ScoredEvent> scored) {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (outputs.scored() < target && System.nanoTime() < deadline && runner.failure() == null) {
            outputs.poll(Duration.ofMillis(200), e -> collect(scored, e), null);
        }
        assertNull(runner.failure(), "streamrec failed");
        assertTrue(outputs.scored() >= target, "timed out at " + outputs.scored() + " of " + target);
    }

    private static void collect(final Map<String, ScoredEvent> scored, final ScoredEvent event) {
        final ScoredEvent previous = scored.put(event.getEventId(), event);
        assertNull(previous, "event " + event.getEventId() + " scored twice");
    }

    private static void deleteRecursively(final Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
