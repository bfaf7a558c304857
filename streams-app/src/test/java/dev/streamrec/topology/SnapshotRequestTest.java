package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record carrying the {@link SnapshotRequest#HEADER} header makes its task snapshot every model at once. */
class SnapshotRequestTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    private static final int EVENTS = 20;

    @TempDir
    Path stateDir;

    private static void events(final TopologyFixture f) {
        for (int u = 0; u < 4; u++) {
            f.user("u" + u, "job" + (u % 2), 20 + u);
        }
        f.item("i0", List.of("g0"));
        f.item("i1", List.of("g1"));
        for (int n = 0; n < EVENTS; n++) {
            if (n % 2 == 0) {
                f.impression("e" + n, "u" + n % 4, "i" + n % 2, T0 + n * 3_600_000L, n % 3 == 0);
            } else {
                f.rating("e" + n, "u" + n % 4, "i" + n % 2, T0 + n * 3_600_000L, 1 + n % 5);
            }
        }
    }

    private static List<SnapshotManifest> manifests(final List<TestRecord<String, SnapshotRecord>> records) {
        final List<SnapshotManifest> manifests = new ArrayList<>();
        for (final TestRecord<String, SnapshotRecord> record : records) {
            assertEquals(0, record.headers().toArray().length, "snapshot records carry no request header");
            if (record.value().getBody() instanceof SnapshotManifest manifest) {
                manifests.add(manifest);
            }
        }
        return manifests;
    }

    private static void request(final TopologyFixture f, final long time) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(SnapshotRequest.HEADER, new byte[0]);
        f.ratings.pipeInput(new TestRecord<>(null, null, headers, Instant.ofEpochMilli(time)));
    }

    @Test
    void shouldSnapshotEveryModelWithAllItLearnedWhenARequestArrivesBetweenIntervals() {
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, new InMemorySchemaRegistry())) {
            events(f); // 20 hours: within one 7-day snapshot interval, fewer events than any count
            assertTrue(f.snapshots.isEmpty(), "no snapshot is due yet");

            request(f, T0 + EVENTS * 3_600_000L);

            final List<SnapshotManifest> manifests = manifests(f.snapshots.readRecordsToList());
            assertEquals(MODELS, manifests.stream().map(SnapshotManifest::getModel).toList());
            for (final SnapshotManifest m : manifests) {
                assertEquals(EVENTS, m.getVersion(), m.getModel() + " has learned every event");
                assertEquals(T0 + (EVENTS - 1) * 3_600_000L, m.getStreamTime().toEpochMilli());
            }
            assertEquals(EVENTS, f.scored.readRecordsToList().size(), "the request is not scored");
            assertTrue(f.deadLetters.isEmpty(), "nor dead-lettered");
        }
    }
}
