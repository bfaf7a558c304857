package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.streamrec.bench.ChangelogTraffic;
import dev.streamrec.bench.ChangelogTraffic.StoreTraffic;
import dev.streamrec.bench.ModelCoreRun;
import dev.streamrec.bench.Percentiles;
import dev.streamrec.bench.ProcessMemory;
import org.junit.jupiter.api.Test;

class EndToEndTablesTest {
    private static final String FULL = "full speed";

    /** A run of 1,000 events visible over {@code seconds}, its core at 4,000 events/s. */
    private static EndToEndTables.Run run(final String models, final String sentAt, final double seconds) {
        final EndToEndRun.Result result = new EndToEndRun.Result(1_000, 1_000, 0, seconds,
            new Percentiles(1_000, 2_000_000, 3_000_000, 9_000_000, 12_000_000), 64L << 20,
            new ProcessMemory(1, 2, 300 << 10, 400 << 10), seconds / 2,
            List.of(new StoreTraffic("lr-state", 2_100, 2_000, 50_000, 80_000, 1_000),
                new StoreTraffic(ChangelogTraffic.ALL_STORES, 2_100, 2_000, 50_000, 80_000, 1_000)), 9.5);
        final ModelCoreRun.Pass core = new ModelCoreRun.Pass(1_000, 0, 250_000_000, 125_000_000, 10, List.of());
        return new EndToEndTables.Run("MovieLens ml-100k", models, 2, 1, sentAt, result, core, Double.NaN);
    }

    @Test
    void shouldCompareOnlyFullSpeedRunsWithModelsToTheFloorsFullSpeed() {
        final List<EndToEndTables.Run> runs = BenchEndToEndCommand.withFloor(List.of(run("lr", FULL, 1.0),
            run("none", FULL, 0.5), run("none", "500/s", 2.0), run("lr", "500/s", 2.0)));
        assertEquals(2_000.0, runs.get(0).floorSpeed(), 1e-9, "the floor may run after the set it is compared to");
        assertTrue(Double.isNaN(runs.get(1).floorSpeed()), "the floor is not compared to itself");
        assertTrue(Double.isNaN(runs.get(3).floorSpeed()), "a paced run's events/s is its rate, not a ceiling");
        assertTrue(BenchEndToEndCommand.withFloor(List.of(run("lr", FULL, 1.0))).stream()
            .allMatch(r -> Double.isNaN(r.floorSpeed())), "no floor run, no comparison");
    }

    @Test
    void shouldPrintEachRunNextToItsModelCoreAndTheFloor() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<EndToEndTables.Run> runs = BenchEndToEndCommand.withFloor(List.of(run("none", FULL, 0.5),
            run("lr", FULL, 1.0)));
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            EndToEndTables.printRuns(runs, out);
            EndToEndTables.printStores(runs, out);
        }
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| MovieLens ml-100k | lr | 2 / 1 | full speed (2,000/s) | 1,000 of 1,000 | 1,000 "
            + "| 4,000 (8,000) | 25.0 % | 50.0 % | 2.0 | 9.0 | 12.0 | 2.0 | 80 | 9.5 | 64 | 300 (400) |"), text);
        assertTrue(text.contains("| lr | full speed | lr-state | 2.00 | 2.10 | 50 | 80 |"), text);
        assertTrue(text.contains("| lr | full speed | all stores | 2.00 | 2.10 | 50 | 80 |"), text);
    }
}
