package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ModelsReadyTest {
    @Test
    void readsBackTheLineItWrites() {
        final ModelsReady ready = new ModelsReady("1_3", List.of("lr", "lcwd", "deepmix"), 4211, 812, 20000, 37, 30);
        assertEquals("task 1_3: models [lr, lcwd, deepmix] ready, 4211 state entries loaded from the stores and 812 "
            + "logged examples replayed (checkpoint 20000) in 37 ms (replay 30 ms)", ready.line());
        assertEquals(Optional.of(ready), ModelsReady.parse("14:01:03.000 INFO ScoringProcessor - " + ready.line()));
        assertEquals(3, ready.partition());
    }

    @Test
    void readsATaskWithoutModelsAndIgnoresOtherLines() {
        final ModelsReady none = new ModelsReady("1_0", List.of(), 0, 0, 0, 0, 0);
        assertEquals(Optional.of(none), ModelsReady.parse(none.line()));
        assertEquals(Optional.empty(), ModelsReady.parse("task 1_0: checkpoint 6029 staged (3838 examples since "
            + "checkpoint 2191; 1 state entries)"));
    }
}
