package dev.streamrec.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.streamrec.bench.ChangelogTraffic;
import dev.streamrec.bench.ChangelogTraffic.StoreTraffic;
import dev.streamrec.bench.ModelCoreRun;
import dev.streamrec.bench.Percentiles;

/**
 * The Markdown tables of {@code bench e2e}: one row per run (end to end next to the model core of the same models
 * on the same events), the changelog traffic per store of each run, and the restores after a kill.
 */
final class EndToEndTables {
    private EndToEndTables() {
    }

    /**
     * One end-to-end run with what it is compared to.
     *
     * @param stream     the stream's name (no paths)
     * @param models     the model set, {@code none} for the no-model floor
     * @param streamThreads the application's {@code num.stream.threads}
     * @param sentAt     {@code full speed} or the fixed rate
     * @param result     the run
     * @param core       the same models over the same events in process
     * @param floorSpeed events/s of the no-model floor at full speed in the same invocation, NaN when not run
     */
    record Run(String stream, String models, int partitions, int streamThreads, String sentAt,
               EndToEndRun.Result result, ModelCoreRun.Pass core, double floorSpeed) {
        StoreTraffic total() {
            return result.changelogs().stream().filter(t -> t.store().equals(ChangelogTraffic.ALL_STORES))
                .findFirst().orElse(new StoreTraffic(ChangelogTraffic.ALL_STORES, 0, 0, 0, 0, 0));
        }
    }

    /** A restore run of one model set. */
    record Restore(String models, RestoreRun.Result result) {
    }

    static void printRuns(final List<Run> runs, final PrintStream out) {
        out.println();
        out.println("| stream | models | partitions / stream threads | sent at (achieved) | events | e2e events/s "
            + "| core events/s (per CPU-s) | e2e / core | e2e / no-model floor | p50 ms | p99 ms | max ms "
            + "| changelog records/event | changelog bytes/event (disk) | commits/s | peak heap MiB | RSS MiB (peak) |");
        out.println("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final Run run : runs) {
            final EndToEndRun.Result r = run.result();
            final Percentiles p = r.latency();
            final StoreTraffic total = run.total();
            out.printf(Locale.ROOT, "| %s | %s | %d / %d | %s (%,.0f/s) | %,d of %,d | %,.0f | %,.0f (%,.0f) | %.1f %% | %s "
                    + "| %.1f | %.1f | %.1f | %.1f | %,.0f | %.1f | %,d | %,d (%,d) |%n",
                run.stream(), run.models(), run.partitions(), run.streamThreads(), run.sentAt(),
                r.measured() / Math.max(r.sendSeconds(), 1e-9), r.visible(), r.measured(), r.eventsPerSecond(),
                run.core().eventsPerSecond(), run.core().eventsPerCpuSecond(),
                100 * r.eventsPerSecond() / run.core().eventsPerSecond(),
                Double.isNaN(run.floorSpeed()) ? "" : String.format(Locale.ROOT, "%.1f %%",
                    100 * r.eventsPerSecond() / run.floorSpeed()),
                p.p50() / 1e6, p.p99() / 1e6, p.max() / 1e6, total.recordsPerEvent(), total.diskBytesPerEvent(),
                r.commitsPerSecond(), r.peakHeapBytes() >> 20, r.memory().rssKiB() >> 10,
                r.memory().peakRssKiB() >> 10);
        }
    }

    static void printStores(final List<Run> runs, final PrintStream out) {
        out.println();
        out.println("| models | sent at | store | records/event | offsets/event (records + markers) "
            + "| payload bytes/event (key + value) | disk bytes/event |");
        out.println("|---|---|---|---:|---:|---:|---:|");
        for (final Run run : runs) {
            for (final StoreTraffic t : run.result().changelogs()) {
                out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %,.0f | %,.0f |%n", run.models(), run.sentAt(),
                    t.store(), t.recordsPerEvent(), t.offsetsPerEvent(), t.payloadBytesPerEvent(),
                    t.diskBytesPerEvent());
            }
        }
    }

    static void printRestores(final List<Restore> restores, final PrintStream out) {
        out.println();
        out.println("| models | events before the kill | state dir | task | store partitions restored "
            + "| records restored | longest store restore ms | summed ms | models loaded ms (entries, examples replayed) "
            + "| restart to streams RUNNING s | to first new event scored s | to all new events s |");
        out.println("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final Restore restore : restores) {
            for (final RestoreRun.Restart restart : restore.result().restarts()) {
                for (final Map.Entry<Integer, RestoreLines.TaskRestore> e : restart.tasks().entrySet()) {
                    final RestoreLines.TaskRestore t = e.getValue();
                    out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %d | %,d | %,d | %,d | %s | %.1f | %.1f "
                            + "| %.1f |%n",
                        restore.models(), restore.result().events(), restart.stateDir(), t.task(), t.stores(),
                        t.records(), t.longestMillis(), t.summedMillis(),
                        t.loadMillis() < 0 ? "" : String.format(Locale.ROOT, "%,d (%,d, %,d)", t.loadMillis(),
                            t.loadedEntries(), t.replayed()),
                        restart.secondsToRunning(), restart.secondsToFirstScored(), restart.secondsToAllScored());
                }
            }
        }
    }
}
