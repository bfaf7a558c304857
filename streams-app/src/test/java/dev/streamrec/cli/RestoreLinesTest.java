package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
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
                + "from the stores and 812 logged examples replayed (checkpoint 20000) in 37 ms (replay 30 ms)",
            "some other line records=5 millis=6"));
        assertEquals(Map.of(
            0, new RestoreLines.TaskRestore("1_0", 2, 150, 480, 570, 4211, 812, 37),
            1, new RestoreLines.TaskRestore("partition 1", 1, 80, 200, 200, -1, -1, -1)), tasks);
    }

    @Test
    void shouldSumGlobalStoresRestoredFromTheirSourceTopicApartFromTheTasks() {
        final Map<Integer, RestoreLines.TaskRestore> tasks = RestoreLines.parse(List.of(
            "INFO RestoreLog - state restored: store=item-profiles changelog=items-0 records=50 millis=20",
            "INFO RestoreLog - state restored: store=item-profiles changelog=items-1 records=40 millis=30",
            "INFO RestoreLog - state restored: store=lr-state changelog=app-lr-state-changelog-1 records=8 millis=2"));
        assertEquals(new RestoreLines.TaskRestore("global stores", 2, 90, 30, 50, -1, -1, -1),
            tasks.get(RestoreLines.GLOBAL));
        assertEquals(new RestoreLines.TaskRestore("partition 1", 1, 8, 2, 2, -1, -1, -1), tasks.get(1));
    }

    @Test
    void shouldFindWhenTheClientFirstWentToRunning() {
        assertEquals(Optional.of(LocalTime.of(14, 1, 5, 250_000_000)), RestoreLines.running(List.of(
            "14:01:01.000 INFO StreamsRunner - streams state CREATED -> REBALANCING",
            "14:01:05.250 INFO StreamsRunner - streams state REBALANCING -> RUNNING",
            "14:01:09.000 INFO StreamsRunner - streams state REBALANCING -> RUNNING")));
        assertEquals(Optional.empty(), RestoreLines.running(List.of(
            "14:01:01.000 INFO StreamsRunner - streams state CREATED -> REBALANCING")));
    }

    @Test
    void shouldKeepATaskThatRestoredNothingButLoadedItsModels() {
        final Map<Integer, RestoreLines.TaskRestore> tasks = RestoreLines.parse(List.of(
            "INFO ScoringProcessor - task 1_1: models [] ready, 0 state entries loaded from the stores and 0 logged "
                + "examples replayed (checkpoint 0) in 0 ms (replay 0 ms)"));
        assertEquals(Map.of(1, new RestoreLines.TaskRestore("1_1", 0, 0, 0, 0, 0, 0, 0)), tasks);
        assertTrue(RestoreLines.parse(List.of("nothing here")).isEmpty());
    }
}
