package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.snapshot.Snapshot;
import dev.streamrec.snapshot.SnapshotAssembler;
import dev.streamrec.snapshot.StateEntry;
import dev.streamrec.state.MetricsStateStore;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots emitted by the production topology, and warm starts from them, in a TopologyTestDriver. */
class ModelSnapshotsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");

    @TempDir
    Path stateDir;

    /** Profiles, then {@code count} alternating impressions and ratings from event {@code from}, one per hour. */
    private static void events(final TopologyFixture f, final int from, final int count) {
        for (int u = 0; u < 6; u++) {
            f.user("u" + u, "job" + (u % 3), 20 + u);
        }
        for (int i = 0; i < 5; i++) {
            f.item("i" + i, List.of("g" + (i % 2)));
        }
        for (int n = from; n < from + count; n++) {
            final String user = "u" + (n * 7 % 6);
            final String item = "i" + (n * 3 % 5);
            if (n % 2 == 0) {
                f.impression("e" + n, user, item, T0 + n * 3_600_000L, n % 3 == 0);
            } else {
                f.rating("e" + n, user, item, T0 + n * 3_600_000L, 1 + n % 5);
            }
        }
    }

    private static List<SnapshotManifest> manifests(final List<TestRecord<String, SnapshotRecord>> records) {
        final List<SnapshotManifest> manifests = new ArrayList<>();
        for (final TestRecord<String, SnapshotRecord> record : records) {
            if (record.value().getBody() instanceof SnapshotManifest manifest) {
                assertEquals(manifest.getModel() + "/" + manifest.getTask() + "/manifest", record.key());
                manifests.add(manifest);
            }
        }
        return manifests;
    }

    @Test
    void shouldSnapshotEveryModelAfterEveryNEvents() {
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, new InMemorySchemaRegistry(),
            Map.of("streamrec.snapshot.every.events", "10", "streamrec.snapshot.every.ms", "0",
                "streamrec.snapshot.chunk.bytes", "2000"), WarmStartStates.NONE)) {
            events(f, 0, 25);
            final List<TestRecord<String, SnapshotRecord>> records = f.snapshots.readRecordsToList();
            final List<SnapshotManifest> manifests = manifests(records);
            assertEquals(6, manifests.size(), "2 snapshots x 3 models");
            for (final SnapshotManifest m : manifests.subList(3, 6)) {
                assertEquals(20, m.getVersion());
                assertEquals("0_0", m.getTask());
                assertEquals(T0 + 19 * 3_600_000L, m.getStreamTime().toEpochMilli());
                assertTrue(m.getParameterCount() > 0);
                assertTrue(m.getInputPositions().containsKey("ratings-0"), m.getInputPositions().toString());
                assertEquals(64, m.getConfigHash().length());
                assertEquals(20.0, m.getMetrics().get("clickCount") + m.getMetrics().get("ratingCount"));
            }
            assertTrue(manifests.get(5).getChunkCount() > 1, "deepmix's state spans several 2000-byte chunks");
            final SnapshotAssembler assembler = new SnapshotAssembler();
            records.forEach(r -> assembler.accept(r.value()));
            assertEquals(List.of(), assembler.incomplete());
            assertEquals(3, assembler.snapshots().size());
            assertFalse(assembler.snapshot("deepmix", "0_0").orElseThrow().entries().isEmpty());
        }
    }

    @Test
    void shouldSnapshotWhenStreamTimeEntersANewInterval() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry(),
            Map.of("streamrec.snapshot.every.ms", Long.toString(DAY)), WarmStartStates.NONE)) {
            events(f, 0, 60); // 60 hours: crosses 2 or 3 day boundaries
            final List<SnapshotManifest> manifests = manifests(f.snapshots.readRecordsToList());
            final long firstDay = Math.floorDiv(T0, DAY);
            final long lastDay = Math.floorDiv(T0 + 59 * 3_600_000L, DAY);
            assertEquals(lastDay - firstDay, manifests.size());
            for (final SnapshotManifest m : manifests) {
                final long time = m.getStreamTime().toEpochMilli();
                assertTrue(Math.floorMod(time, DAY) < 3_600_000L, "first event of a day: " + m.getStreamTime());
            }
        }
    }

    @Test
    void shouldContinueBitIdenticallyWhenWarmStartedFromASnapshot() {
        final Map<String, String> props = Map.of("streamrec.snapshot.every.events", "20",
            "streamrec.snapshot.every.ms", "0");
        final List<ScoredEvent> uninterrupted;
        final Map<String, List<StateEntry>> states = new TreeMap<>();
        final Map<String, String> finalChecksums = new TreeMap<>();
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("a"), MODELS, new InMemorySchemaRegistry(),
            props, WarmStartStates.NONE)) {
            events(f, 0, 20);
            f.scored.readValuesToList();
            final SnapshotAssembler assembler = new SnapshotAssembler(20);
            f.snapshots.readValuesToList().forEach(assembler::accept);
            for (final Snapshot snapshot : assembler.snapshots()) {
                states.put(snapshot.model() + "/" + snapshot.task(), snapshot.entries());
            }
            events(f, 20, 40);
            uninterrupted = f.scored.readValuesToList();
            f.snapshots.readValuesToList().forEach(r -> {
                if (r.getBody() instanceof SnapshotManifest m && m.getVersion() == 60) {
                    finalChecksums.put(m.getModel(), m.getSha256());
                }
            });
        }
        assertEquals(3, states.size());
        assertEquals(3, finalChecksums.size());
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("b"), MODELS, new InMemorySchemaRegistry(),
            props, new WarmStartStates(states))) {
            events(f, 20, 40);
            final List<ScoredEvent> warm = f.scored.readValuesToList();
            assertEquals(uninterrupted, warm, "scores and model versions after the warm start");
            assertEquals(20L, warm.get(0).getPredictions().get(0).getModelVersion());
            final Map<String, String> warmChecksums = new TreeMap<>();
            f.snapshots.readValuesToList().forEach(r -> {
                if (r.getBody() instanceof SnapshotManifest m && m.getVersion() == 60) {
                    warmChecksums.put(m.getModel(), m.getSha256());
                }
            });
            assertEquals(finalChecksums, warmChecksums, "the state after 60 events is the same, byte for byte");
        }
    }

    /**
     * A snapshot between two checkpoints reads the stores through the entries drained since the last checkpoint: it
     * must equal, byte for byte, the snapshot of a task that checkpoints at every event, and of one that never does.
     */
    @Test
    void snapshotsAreTheSameWhateverTheCheckpointInterval() {
        final Map<Integer, List<SnapshotRecord>> byInterval = new TreeMap<>();
        final Map<Integer, List<ScoredEvent>> scored = new TreeMap<>();
        for (final int every : List.of(1, 7, 100_000)) {
            try (TopologyFixture f = new TopologyFixture(stateDir.resolve("k" + every), MODELS,
                new InMemorySchemaRegistry(), Map.of("streamrec.snapshot.every.events", "6",
                    "streamrec.snapshot.every.ms", "0", StreamrecConfig.CHECKPOINT_EVERY_EVENTS, Integer.toString(every)),
                WarmStartStates.NONE)) {
                events(f, 0, 40);
                byInterval.put(every, f.snapshots.readValuesToList());
                scored.put(every, f.scored.readValuesToList());
            }
        }
        assertEquals(3 * 6, byInterval.get(1).stream().filter(r -> r.getBody() instanceof SnapshotManifest).count(),
            "6 snapshots x 3 models");
        // Not assertEquals: the message would print megabytes of state.
        assertTrue(byInterval.get(1).equals(byInterval.get(7)), "snapshot records differ: every 1 vs every 7");
        assertTrue(byInterval.get(1).equals(byInterval.get(100_000)), "snapshot records differ: every 1 vs never");
        assertEquals(scored.get(1), scored.get(100_000));
    }

    @Test
    void shouldPersistTheMetricsTheSnapshotsCarry() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr", "lcwd"), new InMemorySchemaRegistry(),
            Map.of("streamrec.snapshot.every.events", "20", "streamrec.snapshot.every.ms", "0"),
            WarmStartStates.NONE)) {
            events(f, 0, 40);
            final List<SnapshotManifest> manifests = manifests(f.snapshots.readRecordsToList());
            final KeyValueStore<Bytes, byte[]> store = f.driver.getKeyValueStore(MetricsStateStore.NAME);
            for (final SnapshotManifest last : manifests.subList(manifests.size() - 2, manifests.size())) {
                final String prefix = last.getModel() + "\0";
                final Map<String, byte[]> state = new TreeMap<>();
                try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                    it.forEachRemaining(e -> {
                        final String key = new String(e.key.get(), StandardCharsets.UTF_8);
                        if (key.startsWith(prefix)) {
                            state.put(key.substring(prefix.length()), e.value);
                        }
                    });
                }
                final PrequentialMetrics restored = new PrequentialMetrics(last.getModel(),
                    f.config.getInt(StreamrecConfig.AUC_WINDOW));
                restored.restore(state);
                final MetricsSnapshot m = restored.snapshot();
                assertEquals(40, m.clickCount() + m.ratingCount(), last.getModel());
                assertEquals(last.getMetrics(), Map.of("clickCount", (double) m.clickCount(),
                    "ratingCount", (double) m.ratingCount(), "aucWindowSize", (double) m.aucWindowSize(),
                    "auc", m.auc(), "logLoss", m.logLoss(), "mae", m.mae(), "rmse", m.rmse()),
                    "the metrics of " + last.getModel() + "'s last snapshot, restored from the store");
            }
        }
    }
}
