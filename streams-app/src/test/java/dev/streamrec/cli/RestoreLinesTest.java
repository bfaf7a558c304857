package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RestoreLinesTest {
    @Test
    void shouldSumTheRestoresOfEachPartitionAndTakeTheModelLoadOfItsTask() {
        final Map<Integer, RestoreLines.TaskRestore> tasks = RestoreLines.parse(List.of(
            "14:01:02.003 INFO RestoreLog - state restore started: store=lr-state changelog=app-lr-state-changelog-0 "
                + "offsets 0..120",
            "14:01:02.500 INFO RestoreLog - state restored: store=lr-state changelog=app-lr-state-changelog-0 "
                + "records=120 millis=480",
            "14:01:02.600 INFO RestoreLog - state restored: store=prequential-metrics "
                + "changelog=app-prequential-metrics-changelog-0 records=30 millis=90",
            "14:01:02.700 INFO RestoreLog - state restored: store=lr-state changelog=app-lr-state-changelog-1 "
                + "records=80 millis=200",
            "14:01:03.000 INFO ScoringProcessor - task 1_0: models [lr, lcwd] ready, 4211 state entries loaded "
                + "from the stores in 37 ms",
            "some other line records=5 millis=6"));
        assertEquals(Map.of(
            0, new RestoreLines.TaskRestore("1_0", 2, 150, 480, 570, 4211, 37),
            1, new RestoreLines.TaskRestore("partition 1", 1, 80, 200, 200, -1, -1)), tasks);
    }

    @Test
    void shouldKeepATaskThatRestoredNothingButLoadedItsModels() {
        final Map<Integer, RestoreLines.TaskRestore> tasks = RestoreLines.parse(List.of(
            "INFO ScoringProcessor - task 1_1: models [] ready, 0 state entries loaded from the stores in 0 ms"));
        assertEquals(Map.of(1, new RestoreLines.TaskRestore("1_1", 0, 0, 0, 0, 0, 0)), tasks);
        assertTrue(RestoreLines.parse(List.of("nothing here")).isEmpty());
    }
}
