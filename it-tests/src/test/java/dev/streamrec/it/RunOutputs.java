package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.snapshot.Snapshot;
import dev.streamrec.snapshot.SnapshotAssembler;
import dev.streamrec.state.ModelStateStore;
import dev.streamrec.topology.Rejection;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.header.Header;

/**
 * What one application instance committed, read back as a read_committed consumer sees it: each scored event's
 * bytes by event id (with how many ids came more than once), dead letters by reason, and the final state of every
 * model.
 *
 * <p>A model's final state is the latest value per key (per partition) of its store's changelog topic
 * {@code <application.id>-<model>-state-changelog}: the store holds the model's complete persisted state in the
 * model's deterministic byte format, so two runs over the same input must leave identical changelogs.
 *
 * <p>The final snapshot of every model and task is the latest complete one on the run's snapshot topic, reassembled
 * by {@link SnapshotAssembler}; its whole manifest (metrics included) and its payload must match too.
 * {@code snapshotManifests} counts every committed manifest, so a test can check that snapshots were taken at all.
 */
record RunOutputs(Map<String, ByteBuffer> scoredById, long duplicateIds, Map<String, Long> deadLettersByReason,
                  Map<String, Map<String, ByteBuffer>> modelStates, Map<String, Snapshot> finalSnapshots,
                  long snapshotManifests) {

    static RunOutputs read(final StreamrecConfig config, final TopicSerdes serdes) {
        final Map<String, Object> client = config.clientProperties();
        final String scoredTopic = config.topics().scoredEvents();
        final Deserializer<ScoredEvent> scored = serdes.scoredEvent().deserializer();
        final Map<String, ByteBuffer> byId = new HashMap<>();
        long duplicates = 0;
        final Map<String, Long> reasons = new TreeMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : CommittedRecords.read(client,
            List.of(scoredTopic, config.topics().deadLetters()))) {
            if (r.topic().equals(scoredTopic)) {
                final String id = scored.deserialize(scoredTopic, r.value()).getEventId();
                if (byId.put(id, ByteBuffer.wrap(r.value())) != null) {
                    duplicates++;
                }
            } else {
                final Header reason = r.headers().lastHeader(Rejection.HEADER_REASON);
                reasons.merge(reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8), 1L,
                    Long::sum);
            }
        }
        final Map<String, Map<String, ByteBuffer>> states = new TreeMap<>();
        final String applicationId = config.originalsStrings().get("application.id");
        for (final String model : config.models()) {
            states.put(model, latestPerKey(client, applicationId + "-" + ModelStateStore.storeName(model)
                + "-changelog"));
        }
        final String snapshotTopic = config.topics().snapshots();
        final Deserializer<SnapshotRecord> snapshotRecords = serdes.snapshotRecord().deserializer();
        final SnapshotAssembler assembler = new SnapshotAssembler();
        long manifests = 0;
        for (final ConsumerRecord<byte[], byte[]> r : CommittedRecords.read(client, List.of(snapshotTopic))) {
            final SnapshotRecord record = snapshotRecords.deserialize(snapshotTopic, r.value());
            manifests += record.getBody() instanceof SnapshotManifest ? 1 : 0;
            assembler.accept(record);
        }
        final Map<String, Snapshot> snapshots = new TreeMap<>();
        assembler.snapshots().forEach(snapshot -> snapshots.put(snapshot.model() + "/" + snapshot.task(), snapshot));
        return new RunOutputs(byId, duplicates, Map.copyOf(reasons), states, snapshots, manifests);
    }

    /** The latest value of every key of a changelog, keyed by {@code partition/hex(key)}; tombstones remove. */
    private static Map<String, ByteBuffer> latestPerKey(final Map<String, Object> client, final String changelog) {
        final Map<String, ByteBuffer> latest = new TreeMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : CommittedRecords.read(client, List.of(changelog))) {
            final String key = r.partition() + "/" + HexFormat.of().formatHex(r.key());
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, ByteBuffer.wrap(r.value()));
            }
        }
        return latest;
    }

    /** Bytes of the final state of every model, summed over keys and partitions. */
    Map<String, Long> modelStateBytes() {
        final Map<String, Long> sizes = new TreeMap<>();
        modelStates.forEach((model, entries) -> sizes.put(model,
            entries.values().stream().mapToLong(ByteBuffer::remaining).sum()));
        return sizes;
    }

    /** Asserts bit-identical scored events, final model states and final snapshots; dead letters by reason equal. */
    void assertSameResultsAs(final RunOutputs reference) {
        assertEquals(reference.scoredById.keySet(), scoredById.keySet(), "scored event ids");
        final long differing = reference.scoredById.entrySet().stream()
            .filter(e -> !e.getValue().equals(scoredById.get(e.getKey()))).count();
        assertEquals(0, differing, "scored events whose bytes differ from the uninterrupted run");
        assertEquals(reference.deadLettersByReason, deadLettersByReason, "dead letters by reason");
        assertEquals(reference.modelStates.keySet(), modelStates.keySet(), "models");
        for (final Map.Entry<String, Map<String, ByteBuffer>> model : reference.modelStates.entrySet()) {
            final Map<String, ByteBuffer> expected = model.getValue();
            final Map<String, ByteBuffer> actual = modelStates.get(model.getKey());
            assertEquals(expected.keySet(), actual.keySet(), "state keys of model " + model.getKey());
            final List<String> differ = expected.keySet().stream()
                .filter(k -> !expected.get(k).equals(actual.get(k))).toList();
            assertEquals(List.of(), differ, "state entries of model " + model.getKey()
                + " that differ from the uninterrupted run");
        }
        assertEquals(reference.finalSnapshots.keySet(), finalSnapshots.keySet(), "models/tasks with a snapshot");
        for (final Map.Entry<String, Snapshot> snapshot : reference.finalSnapshots.entrySet()) {
            final Snapshot actual = finalSnapshots.get(snapshot.getKey());
            assertEquals(snapshot.getValue().manifest(), actual.manifest(),
                "final snapshot manifest of " + snapshot.getKey() + " (metrics included)");
            assertArrayEquals(snapshot.getValue().payload(), actual.payload(),
                "final snapshot payload of " + snapshot.getKey());
        }
    }
}
