package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.state.UserInteractionsStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-interactions store live queries exclude seen items with: every scored event, nothing else. */
class InteractionRecorderTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    @Test
    void shouldRecordTheItemsOfEveryScoredEventPerUser() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            f.impression("e1", "u1", "i1", T0, false);
            f.rating("e2", "u1", "i2", T0 + 1, 4);
            f.impression("e3", "u1", "i1", T0 + 2, true);
            f.impression("e4", "u11", "i9", T0 + 3, true); // "u1" is a prefix of "u11": kept apart
            f.impression("e5", "u1:", "i8", T0 + 4, true); // and of "u1:", whatever the separator
            f.ratings.pipeInput("u1", new byte[] {0, 0, 0, 0, 9, 1}); // undecodable: dead-lettered, not recorded
            assertEquals(5, f.scored.readRecordsToList().size());
            assertEquals(1, f.deadLetterReasons().size());
            final KeyValueStore<String, Long> store = f.driver.getKeyValueStore(UserInteractionsStore.NAME);
            assertEquals(Set.of("i1", "i2"), UserInteractionsStore.items(store, "u1"));
            assertEquals(Set.of("i9"), UserInteractionsStore.items(store, "u11"));
            assertEquals(Set.of("i8"), UserInteractionsStore.items(store, "u1:"));
            assertEquals(Set.of(), UserInteractionsStore.items(store, "u2"));
            assertEquals(T0 + 2, store.get("2:u1i1"), "the latest event time of the pair");
        }
    }
}
