package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ScoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology with an empty model list ({@code streamrec.models=}, what {@code bench e2e --models none} runs):
 * every event is still decoded, enriched, featurized and written as a scored event, with no predictions.
 */
class NoModelTopologyTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    @Test
    void shouldWriteEveryEventScoredWithoutPredictions() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of(), new InMemorySchemaRegistry())) {
            assertTrue(f.config.models().isEmpty(), "an empty streamrec.models is an empty model list");
            f.user("u1", "writer", 30);
            f.item("i1", List.of("Comedy"));
            f.impression("e1", "u1", "i1", T0, true);
            f.rating("r1", "u1", "i1", T0 + 1, 4f);
            final List<ScoredEvent> out = f.scored.readValuesToList();
            assertEquals(List.of("e1", "r1"), out.stream().map(ScoredEvent::getEventId).toList());
            out.forEach(event -> assertTrue(event.getPredictions().isEmpty(), event.toString()));
        }
    }

    @Test
    void shouldStillDeadLetterInvalidEvents() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of(), new InMemorySchemaRegistry())) {
            f.rating("r-big", "u1", "i1", T0, 7f);
            assertEquals(List.of("RATING_OUT_OF_RANGE"), f.deadLetterReasons().stream()
                .map(r -> r.substring(0, r.indexOf(':'))).toList());
            assertTrue(f.scored.isEmpty());
        }
    }
}
