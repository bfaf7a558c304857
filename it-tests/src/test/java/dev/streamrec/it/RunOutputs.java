package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.schema.ScoredEvent;
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
 * model's deterministic byte format, so two runs over the same input must leave identical changelogs. When the
 * {@code model-snapshots} topic exists, the latest snapshot per model and task belongs here too, read in
 * {@link #read} and compared in {@link #assertSameResultsAs}: that is the one place to add it.
 */
record RunOutputs(Map<String, ByteBuffer> scoredById, long duplicateIds, Map<String, Long> deadLettersByReason,
                  Map<String, Map<String, ByteBuffer>> modelStates) {

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
        return new RunOutputs(byId, duplicates, Map.copyOf(reasons), states);
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

    /** Asserts bit-identical scored events and final model states; dead letters by reason equal. */
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
    }
}
