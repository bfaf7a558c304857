package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.topology.ApplicationReset;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replays of the first {@value #RATINGS} ML-100k ratings (of 100,000, in time order) and their impressions, by
 * one application id on a real
 * broker with exactly-once: the second replay starts after an application reset (internal topics and consumer
 * group deleted through the Admin API, local state wiped) and writes to separate output topics. Every scored event
 * and every snapshot record must be identical. LR and LC-W&D run (DeepMix's replay determinism over a prefix is
 * {@code RestartDeterminismIT}'s); the prefix keeps this test near a minute and a half on a shared 2-core machine
 * (the whole stream took 4m45s there under load).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReplayDeterminismIT {
    private static final String APPLICATION = "replay-determinism";
    private static final int RATINGS = 40_000;

    @TempDir
    Path stateDir;

    @Test
    void twoReplaysGiveBitIdenticalScoredEventsAndSnapshots() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        try (StreamrecCluster cluster = new StreamrecCluster(APPLICATION, stateDir, 2, Map.of())) {
            final long events;
            try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(),
                cluster.config.topics(), cluster.serdes)) {
                MovieLensDataset.open(movieLens, malformed -> { })
                    .replay(new PublishingSink(publisher, 2L * RATINGS, () -> { }, () -> { }));
                publisher.flush();
                events = publisher.events();
            }
            final Map<String, ScoredEvent> first = new HashMap<>();
            final StreamrecConfig a = replayConfig(cluster, "1");
            final ApplicationReset.Report firstReset = replay(a, events, first);
            assertTrue(firstReset.deletedTopics().isEmpty(), "nothing to delete before the first run");
            final Map<String, ScoredEvent> second = new HashMap<>();
            final StreamrecConfig b = replayConfig(cluster, "2");
            final ApplicationReset.Report secondReset = replay(b, events, second);
            assertTrue(secondReset.groupDeleted(), "the first replay's consumer group was deleted");
            assertTrue(secondReset.deletedTopics().stream().anyMatch(t -> t.endsWith("lcwd-state-changelog")),
                "the first replay's changelogs were deleted: " + secondReset.deletedTopics());

            assertEquals(events, first.size());
            assertEquals(first, second, "scored events of the two replays");
            // Readers assemble a snapshot per model and task (and compaction keeps the latest per key), so that is the
            // order that must replay: how two tasks' records interleave in one partition depends on timing.
            final Map<String, List<Map.Entry<String, SnapshotRecord>>> snapshotsA = snapshots(a, cluster.serdes);
            final Map<String, List<Map.Entry<String, SnapshotRecord>>> snapshotsB = snapshots(b, cluster.serdes);
            assertEquals(snapshotsA.keySet(), snapshotsB.keySet(), "models and tasks with snapshot records");
            snapshotsA.forEach((modelTask, records) -> assertEquals(records, snapshotsB.get(modelTask),
                "snapshot records of " + modelTask + " in the two replays, in order"));
            final List<SnapshotManifest> manifests = new ArrayList<>();
            snapshotsA.values().forEach(records -> records.forEach(r -> {
                if (r.getValue().getBody() instanceof SnapshotManifest m) {
                    manifests.add(m);
                }
            }));
            long lastVersions = 0;
            for (final SnapshotManifest m : manifests) {
                lastVersions = Math.max(lastVersions, m.getVersion());
            }
            System.out.printf("%d events replayed twice; %d snapshot manifests each, largest version %d%n", events,
                manifests.size(), lastVersions);
            assertTrue(manifests.size() >= 2 * 2 * 3, "snapshots of 2 models x 2 tasks, every 10,000 events");
        }
    }

    private StreamrecConfig replayConfig(final StreamrecCluster cluster, final String run) {
        final Map<String, String> props = new HashMap<>(cluster.config.originalsStrings());
        props.put(StreamrecConfig.MODELS, "lr,lcwd");
        props.put(StreamrecConfig.TOPIC_SCORED, "scored-" + run);
        props.put(StreamrecConfig.TOPIC_DEAD_LETTERS, "dead-letters-" + run);
        props.put(StreamrecConfig.TOPIC_SNAPSHOTS, "model-snapshots-" + run);
        props.put(StreamrecConfig.SNAPSHOT_EVERY_EVENTS, "10000");
        props.put(StreamrecConfig.SNAPSHOT_EVERY_MS, Long.toString(30L * 86_400_000L));
        props.put(StreamrecConfig.SNAPSHOT_CHUNK_BYTES, "262144");
        return new StreamrecConfig(props);
    }

    /** Resets the application, wipes its local state and runs it until {@code events} are scored. */
    private static ApplicationReset.Report replay(final StreamrecConfig config, final long events,
                                                  final Map<String, ScoredEvent> scored) throws Exception {
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final ApplicationReset.Report report = ApplicationReset.forReplay(config, null, (short) 1);
        try (OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(),
                new TopicSerdes(registry), 1000);
             StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry),
                 config.streamsProperties())) {
            runner.cleanUp();
            runner.start();
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (outputs.scored() < events && System.nanoTime() < deadline && runner.failure() == null) {
                outputs.poll(Duration.ofMillis(200), e -> assertNull(scored.put(e.getEventId(), e),
                    "event " + e.getEventId() + " scored twice"), null);
            }
            assertNull(runner.failure(), "streamrec failed");
            assertEquals(events, outputs.scored(), "each event scored exactly once");
        }
        return report;
    }

    /**
     * Every committed record of the snapshot topic, grouped by {@code <model>/<task>} in offset order, each as
     * key and value; asserts that each model and task writes to one partition only.
     */
    private static Map<String, List<Map.Entry<String, SnapshotRecord>>> snapshots(final StreamrecConfig config,
                                                                                 final TopicSerdes serdes) {
        final Map<String, List<Map.Entry<String, SnapshotRecord>>> byModelTask = new TreeMap<>();
        final Map<String, Integer> partitionOf = new HashMap<>();
        for (final ConsumerRecord<String, SnapshotRecord> record : snapshotRecords(config, serdes)) {
            final String key = record.key();
            final String modelTask = key.substring(0, key.indexOf('/', key.indexOf('/') + 1));
            final Integer before = partitionOf.putIfAbsent(modelTask, record.partition());
            assertTrue(before == null || before == record.partition(), modelTask + " spans partitions");
            byModelTask.computeIfAbsent(modelTask, k -> new ArrayList<>())
                .add(Map.entry(key, record.value()));
        }
        return byModelTask;
    }

    /** Every committed record of the snapshot topic, partition by partition, in offset order. */
    private static List<ConsumerRecord<String, SnapshotRecord>> snapshotRecords(final StreamrecConfig config,
                                                                               final TopicSerdes serdes) {
        final Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final String topic = config.topics().snapshots();
        final Map<Integer, List<ConsumerRecord<String, SnapshotRecord>>> records = new TreeMap<>();
        try (KafkaConsumer<String, SnapshotRecord> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            serdes.snapshotRecord().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, SnapshotRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    records.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                }
            }
        }
        return records.values().stream().flatMap(List::stream).toList();
    }
}
