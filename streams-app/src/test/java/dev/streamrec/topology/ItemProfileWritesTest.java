package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.streamrec.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live queries keep their scan of the item profiles until the store is written: every write is counted. */
class ItemProfileWritesTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldCountEveryStoredOrDeletedItemProfileButNoRejectedOne() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            assertEquals(0, f.live.itemProfileWrites());
            f.item("i1", List.of("Comedy"));
            f.item("i2", List.of("Drama"));
            assertEquals(2, f.live.itemProfileWrites());
            f.items.pipeInput("i3", new byte[] {1, 2, 3}, Instant.EPOCH); // undecodable: dead-lettered, not stored
            assertEquals(2, f.live.itemProfileWrites());
            f.items.pipeInput("i1", null, Instant.EPOCH); // a tombstone deletes i1
            assertEquals(3, f.live.itemProfileWrites());
        }
    }
}
