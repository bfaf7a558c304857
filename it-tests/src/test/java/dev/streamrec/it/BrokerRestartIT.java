package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker failure in the middle of processing: the (only) broker runs in its own JVM and is killed with SIGKILL
 * once a drawn share of a prefix of ML-100k (plus one malformed record of each kind) is processed, then restarted
 * on the same ports and log directory. streamrec keeps running through it and must still score every valid event
 * exactly once and dead-letter every bad one, as a read_committed consumer sees it, and its scored events, final
 * model states and final snapshots (manifests with their metrics, and payloads) must be bit-identical to those of
 * a run over the same input without a broker failure.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BrokerRestartIT {
    private static final int RATINGS = Integer.getInteger("streamrec.it.broker.ratings", 3_000);
    private static final long SEED = Long.getLong("streamrec.it.crash.seed", 20_261_123L);

    @TempDir
    Path work;

    @Test
    void applicationRidesOutABrokerKillWithoutLossOrDuplicates() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker"),
                 Path.of("target", "it-logs", "broker-restart", "broker.log"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            props.put("commit.interval.ms", "100");
            props.put(StreamrecConfig.PARTITIONS, "2");
            final StreamrecConfig config = application(props, "broker-restart");
            final TopicSerdes serdes = new TopicSerdes(HttpSchemaRegistryClient.fromConfigs(props));
            final Topics topics = config.topics();
            final MovieLensDataset dataset = MovieLensDataset.open(movieLens, malformed -> { });
            final Set<String> published = new HashSet<>(MovieLensPrefix.eventIds(dataset, 2L * RATINGS));
            final Map<String, Long> rejections;
            try (EventPublisher publisher = new EventPublisher(config.clientProperties(), topics, serdes)) {
                dataset.replay(new PublishingSink(publisher, 2L * RATINGS, () -> { }, () -> { }));
                rejections = MalformedRecords.publish(publisher, topics, serdes);
                publisher.flush();
            }
            final long inputs = published.size() + rejections.values().stream().mapToLong(v -> v).sum();
            final long killAt = (long) (inputs * (0.3 + 0.3 * new Random(SEED).nextDouble()));
            final long started = System.nanoTime();
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config,
                     HttpSchemaRegistryClient.fromConfigs(props)), config.streamsProperties());
                 OutputReader progress = new OutputReader(config.clientProperties(), topics, serdes, 1_000)) {
                runner.start();
                Await.until(() -> Await.committedOutputs(progress) >= killAt, () -> runner.failure() == null,
                    "committed output to reach " + killAt);
                final long at = Await.committedOutputs(progress);
                final long down = System.nanoTime();
                final int status = broker.kill();
                broker.startAndAwaitReady();
                System.out.printf(Locale.ROOT, "broker IT: broker SIGKILLed (exit %d) at %d of %d committed "
                    + "outputs, back after %.1f s%n", status, at, inputs, (System.nanoTime() - down) / 1e9);
                Await.processed(config, () -> runner.failure() == null);
                assertNull(runner.failure(), "streamrec failed");
            }
            System.out.printf(Locale.ROOT, "broker IT: %d input records processed in %.1f s including the "
                + "broker restart%n", inputs, (System.nanoTime() - started) / 1e9);
            final RunOutputs outputs = RunOutputs.read(config, serdes);
            assertEquals(0, outputs.duplicateIds(), "events scored more than once");
            assertEquals(published, outputs.scoredById().keySet(), "every valid event scored exactly once");
            assertEquals(rejections, outputs.deadLettersByReason(), "dead letters by reason");

            // The same input once more, with no broker failure: the results must be the same to the bit.
            final StreamrecConfig reference = application(props, "broker-reference");
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(reference,
                HttpSchemaRegistryClient.fromConfigs(props)), reference.streamsProperties())) {
                runner.start();
                Await.processed(reference, () -> runner.failure() == null);
                assertNull(runner.failure(), "the uninterrupted run failed");
            }
            final RunOutputs expected = RunOutputs.read(reference, serdes);
            assertEquals(2 * config.models().size(), outputs.finalSnapshots().size(),
                "a final snapshot of every model in each of the 2 tasks");
            assertTrue(outputs.snapshotManifests() >= 2L * outputs.finalSnapshots().size(),
                "several snapshots per model and task, got " + outputs.snapshotManifests());
            outputs.assertSameResultsAs(expected);
            System.out.printf(Locale.ROOT, "broker IT: scored events, model states and the final snapshots of %d "
                + "models x tasks (%d manifests) bit-identical to the run without a broker failure%n",
                outputs.finalSnapshots().size(), outputs.snapshotManifests());
        }
    }

    /** The config of an application with its own id, state directory and output topics (created here). */
    private StreamrecConfig application(final Map<String, String> common, final String applicationId) {
        final Map<String, String> props = new HashMap<>(common);
        props.put("application.id", applicationId);
        props.put("state.dir", work.resolve("state-" + applicationId).toString());
        props.put(StreamrecConfig.TOPIC_SCORED, applicationId + "-scored");
        props.put(StreamrecConfig.TOPIC_DEAD_LETTERS, applicationId + "-dead-letters");
        props.put(StreamrecConfig.TOPIC_SNAPSHOTS, applicationId + "-snapshots");
        props.put(StreamrecConfig.SNAPSHOT_EVERY_EVENTS, "1000"); // about 3 snapshots per model and task
        final StreamrecConfig config = new StreamrecConfig(props);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), 2, (short) 1,
                config.getLong(StreamrecConfig.RETENTION_MS));
        }
        return config;
    }
}
