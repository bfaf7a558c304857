package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.learning.sync.DeltaCodec;
import dev.streamrec.learning.sync.RoundDelta;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ScoredEvent;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter sync in the topology (docs/shared-model.md): round deltas go to the merge step, merged rounds come back
 * through the global store, and a task holds its input until the round before it has been merged.
 */
class ParameterSyncTopologyTest {
    private static final long T0 = 1_700_006_400_000L; // a day boundary: 6 events per daily round
    private static final long DAY = 86_400_000L;
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    private static final int EVENTS = 120;

    @TempDir
    Path stateDir;

    private static Map<String, String> sync(final int tasks) {
        return Map.of(StreamrecConfig.SYNC_ROUND_MS, Long.toString(DAY), StreamrecConfig.SYNC_START_MS,
            Long.toString(T0), StreamrecConfig.PARTITIONS, Integer.toString(tasks),
            StreamrecConfig.SYNC_DENSE_EVERY_ROUNDS, "2", StreamrecConfig.SYNC_CHUNK_BYTES, "4096");
    }

    /** Users, items and {@link #EVENTS} events 4 hours apart (so 20 daily rounds), with the wall clock moving on. */
    private static void events(final TopologyFixture f) {
        for (int u = 0; u < 6; u++) {
            f.user("u" + u, "job" + (u % 2), 20 + u);
        }
        for (int i = 0; i < 5; i++) {
            f.item("i" + i, List.of("g" + i % 3));
        }
        for (int n = 0; n < EVENTS; n++) {
            if (n % 2 == 0) {
                f.impression("e" + n, "u" + n % 6, "i" + n % 5, T0 + n * 4 * 3_600_000L, n % 3 == 0);
            } else {
                f.rating("e" + n, "u" + n % 6, "i" + n % 5, T0 + n * 4 * 3_600_000L, 1 + n % 5);
            }
            f.driver.advanceWallClockTime(Duration.ofMillis(10));
        }
    }

    private static long syncRound(final TestRecord<String, ScoredEvent> scored) {
        return Long.parseLong(new String(scored.headers().lastHeader(ScoringProcessor.SYNC_ROUND_HEADER).value(),
            StandardCharsets.US_ASCII));
    }

    @Test
    void oneTaskWithSyncScoresEveryEventAsWithoutItAndNamesTheRoundItUsed() {
        final List<ScoredEvent> alone;
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("off"), MODELS, new InMemorySchemaRegistry())) {
            events(f);
            alone = f.scored.readValuesToList();
        }
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("on"), MODELS, new InMemorySchemaRegistry(),
            sync(1), WarmStartStates.NONE)) {
            events(f);
            f.driver.advanceWallClockTime(Duration.ofMillis(10));
            final List<TestRecord<String, ScoredEvent>> synced = f.scored.readRecordsToList();
            assertEquals(alone, synced.stream().map(TestRecord::value).toList(), "one task: sync changes nothing");
            final long firstRound = Math.floorDiv(T0, DAY);
            for (final TestRecord<String, ScoredEvent> scored : synced) {
                final long round = Math.floorDiv(scored.timestamp(), DAY);
                assertEquals(round == firstRound ? -1 : round - 1, syncRound(scored),
                    "the merged round before the event's own");
            }
            assertTrue(syncRound(synced.get(synced.size() - 1)) > firstRound + 15, "rounds were merged");
        }
    }

    @Test
    void holdsInputUntilEveryTaskHasPublishedTheRoundBefore() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry(), sync(2),
            WarmStartStates.NONE)) {
            events(f);
            // the driver runs task 0 only: task 1's delta of the first round never came, so its merge waits
            final int firstDay = (int) f.scored.getQueueSize();
            assertEquals(6, firstDay, "only the first round's events are scored");
            final TestInputTopic<byte[], byte[]> deltas = f.driver.createInputTopic(f.config.topics().syncDeltas(),
                new ByteArraySerializer(), new ByteArraySerializer());
            final long first = Math.floorDiv(T0, DAY);
            for (long round = first; round < first + 5; round++) {
                final byte[] empty = DeltaCodec.encode(new RoundDelta(1, round, new TreeMap<>()));
                deltas.pipeInput(SyncChunks.deltaKey(round, 1, 0, 1), empty);
                f.driver.advanceWallClockTime(Duration.ofMillis(10));
            }
            final List<TestRecord<String, ScoredEvent>> scored = f.scored.readRecordsToList();
            assertEquals(6 + 5 * 6, scored.size(), "five rounds merged: the events of the first six days scored");
            assertEquals(first + 4, syncRound(scored.get(scored.size() - 1)));
        }
    }
}
