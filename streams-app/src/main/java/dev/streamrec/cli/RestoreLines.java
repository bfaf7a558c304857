package dev.streamrec.cli;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamrec.runtime.RestoreLog;
import dev.streamrec.topology.ModelsReady;

/**
 * The restores a streamrec process logged, per partition (= per task of the scoring sub-topology: its stores'
 * changelogs have the partition of its input): from {@link RestoreLog}'s lines
 * ({@code state restored: store=S changelog=T-P records=N millis=M}) the store partitions restored, their records,
 * the longest and the summed restore time; and, when the scoring processor logged it
 * ({@code task X_P: models [...] ready, N state entries loaded from the stores and R logged examples replayed
 * (checkpoint C) in M ms}), the task id, the state entries, the examples learned again from the example log and
 * the time the models took to load from the restored stores, replay included. Global stores restore from their source
 * topic (not a {@code -changelog}), once per process and not per task: they are summed under {@link #GLOBAL}.
 */
final class RestoreLines {
    /** The key of the global stores' restores (from their source topics, by the global thread). */
    static final int GLOBAL = -1;

    private static final Pattern RUNNING = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*streams state "
        + "\\S+ -> RUNNING");

    private RestoreLines() {
    }

    /**
     * One partition's restore.
     *
     * @param task          the task id from the models' "ready" line, or {@code "partition P"} without one
     * @param stores        store partitions restored (one line each)
     * @param records       records restored over them
     * @param longestMillis the longest single store partition restore
     * @param summedMillis  the restore times summed (restores of one task may overlap)
     * @param loadedEntries state entries the models loaded, -1 without a "ready" line
     * @param replayed      logged examples learned again after the checkpoint, -1 without a "ready" line
     * @param loadMillis    time the models took to load from the stores (the replay included), -1 without a
     *                      "ready" line
     */
    record TaskRestore(String task, int stores, long records, long longestMillis, long summedMillis,
                       long loadedEntries, long replayed, long loadMillis) {
        private TaskRestore plusStore(final long storeRecords, final long millis) {
            return new TaskRestore(task, stores + 1, records + storeRecords, Math.max(longestMillis, millis),
                summedMillis + millis, loadedEntries, replayed, loadMillis);
        }

        private TaskRestore withLoad(final String taskId, final long entries, final long examples,
                                     final long millis) {
            return new TaskRestore(taskId, stores, records, longestMillis, summedMillis, entries, examples, millis);
        }
    }

    /** Every partition with a restore or a "ready" line in {@code lines}, by partition; later lines add up. */
    static Map<Integer, TaskRestore> parse(final List<String> lines) {
        final Map<Integer, TaskRestore> tasks = new TreeMap<>();
        for (final String line : lines) {
            RestoreLog.parse(line).ifPresent(restored -> {
                final int partition = restored.fromChangelog() ? restored.partition() : GLOBAL;
                tasks.put(partition, task(tasks, partition).plusStore(restored.records(), restored.millis()));
            });
            ModelsReady.parse(line).ifPresent(ready -> tasks.put(ready.partition(),
                task(tasks, ready.partition()).withLoad(ready.task(), ready.entries(), ready.replayed(),
                    ready.millis())));
        }
        return tasks;
    }

    /**
     * The time of day of the first line saying the Kafka Streams client went to RUNNING (slf4j-simple's
     * {@code HH:mm:ss.SSS} prefix, as {@code simplelogger.properties} sets it), if any.
     */
    static Optional<LocalTime> running(final List<String> lines) {
        for (final String line : lines) {
            final Matcher running = RUNNING.matcher(line);
            if (running.find()) {
                return Optional.of(LocalTime.parse(running.group(1)));
            }
        }
        return Optional.empty();
    }

    private static TaskRestore task(final Map<Integer, TaskRestore> tasks, final int partition) {
        return tasks.getOrDefault(partition, new TaskRestore(partition == GLOBAL ? "global stores"
            : "partition " + partition, 0, 0, 0, 0, -1, -1, -1));
    }
}
