package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.ScoredEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamrecTopologyTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    @Test
    void scoresBeforeLearning() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            f.user("u1", "writer", 30);
            f.item("i1", List.of("Comedy"));
            for (int n = 0; n < 5; n++) {
                f.impression("e" + n, "u1", "i1", T0 + n, true);
            }
            final List<ScoredEvent> out = f.scored.readValuesToList();
            assertEquals(5, out.size());
            final Prediction first = out.get(0).getPredictions().get(0);
            assertEquals("lr", first.getModel());
            assertEquals(0L, first.getModelVersion(), "the first event is scored by a model that learned nothing");
            assertEquals(0.5, first.getScore(), 1e-12, "an untrained logistic model scores 0.5");
            for (int n = 1; n < 5; n++) {
                final Prediction p = out.get(n).getPredictions().get(0);
                assertEquals(n, p.getModelVersion(), "version = events learned before this one");
                assertTrue(p.getScore() > out.get(n - 1).getPredictions().get(0).getScore(),
                    "after learning a click on the same pair, its click probability rises");
            }
        }
    }

    @Test
    void deadLettersUndecodableBytesWithReasonAndSource() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            final byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            f.impressions.pipeInput("u1", garbage);
            assertTrue(f.scored.isEmpty());
            final TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
            assertArrayEquals(garbage, dead.value(), "the original bytes are kept");
            assertArrayEquals("u1".getBytes(StandardCharsets.UTF_8), dead.key());
            final Headers headers = dead.headers();
            assertEquals("BAD_MAGIC_BYTE", header(headers, Rejection.HEADER_REASON));
            assertEquals(f.config.topics().impressions(), header(headers, Rejection.HEADER_TOPIC));
            assertEquals("0", header(headers, Rejection.HEADER_PARTITION));
            assertEquals("0", header(headers, Rejection.HEADER_OFFSET));
        }
    }

    @Test
    void rejectsUnknownSchemaIdAndInvalidEvents() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            f.ratings.pipeInput("u1", new byte[] {0, 0, 1, 0, 0, 2, 4, 6});
            f.rating("r-nan", "u1", "i1", T0, Float.NaN);
            f.rating("r-big", "u1", "i1", T0, 7f);
            f.impression("", "u1", "i1", T0, false);
            final List<String> reasons = new ArrayList<>();
            f.deadLetters.readRecordsToList().forEach(r -> reasons.add(header(r.headers(), Rejection.HEADER_REASON)));
            assertEquals(List.of("UNKNOWN_SCHEMA_ID", "NON_FINITE_VALUE", "RATING_OUT_OF_RANGE", "MISSING_EVENT_ID"),
                reasons);
            assertTrue(f.scored.isEmpty());
        }
    }

    @Test
    void inputEventsEqualScoredPlusDeadLettered() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            f.user("u1", "writer", 30);
            int inputs = 0;
            for (int n = 0; n < 300; n++) {
                if (n % 7 == 0) {
                    f.impressions.pipeInput("u1", new byte[] {1, 2, 3});
                } else if (n % 5 == 0) {
                    f.rating("r" + n, "u1", "i" + (n % 13), T0 + n, n % 3 == 0 ? Float.POSITIVE_INFINITY : 4f);
                } else {
                    f.impression("e" + n, "u1", "i" + (n % 11), T0 + n, n % 2 == 0);
                }
                inputs++;
            }
            final long scored = f.scored.getQueueSize();
            final long dead = f.deadLetters.getQueueSize();
            assertEquals(inputs, scored + dead);
            assertTrue(dead >= 300 / 7, "the malformed records were dead-lettered");
        }
    }

    @Test
    void replayingTheSameInputGivesBitIdenticalScores(@TempDir final Path otherDir) {
        final List<String> models = List.of("lr", "lcwd", "deepmix");
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final List<ScoredEvent> first;
        try (TopologyFixture f = new TopologyFixture(otherDir, models, registry)) {
            feed(f, 0, 60);
            first = f.scored.readValuesToList();
        }
        final List<ScoredEvent> second;
        try (TopologyFixture f = new TopologyFixture(stateDir, models, registry)) {
            feed(f, 0, 60);
            second = f.scored.readValuesToList();
        }
        assertEquals(60 - 0, first.size());
        assertEquals(first, second, "a replay must give the same scored events, bit for bit");
        assertEquals(models, first.get(0).getPredictions().stream().map(Prediction::getModel).toList());
    }

    private static void feed(final TopologyFixture f, final int from, final int to) {
        if (from == 0) {
            for (int u = 0; u < 4; u++) {
                f.user("u" + u, u % 2 == 0 ? "writer" : "artist", 20 + 5 * u);
            }
            for (int i = 0; i < 6; i++) {
                f.item("i" + i, List.of(i % 2 == 0 ? "Drama" : "Comedy"));
            }
        }
        for (int n = from; n < to; n++) {
            final String user = "u" + (n % 4);
            final String item = "i" + (n * 7 % 6);
            if (n % 3 == 0) {
                f.rating("r" + n, user, item, T0 + n * 1000L, 1 + (n * 13 % 5));
            } else {
                f.impression("e" + n, user, item, T0 + n * 1000L, (n + n / 4) % 2 == 0);
            }
        }
    }

    private static String header(final Headers headers, final String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
