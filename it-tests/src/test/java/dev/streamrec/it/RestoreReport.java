package dev.streamrec.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.streamrec.runtime.RestoreLog;
import dev.streamrec.topology.ModelsReady;

/**
 * The state restores a streamrec process logged: per store, the records restored from its changelog over all its
 * partitions and the longest partition restore ({@link RestoreLog}); then, per task, how long the models took to
 * load from the restored stores into memory, from which checkpoint and how many logged examples they learned again
 * (the scoring processor's "ready" line).
 */
record RestoreReport(Map<String, Long> recordsByStore, Map<String, Long> longestMillisByStore,
                     Map<String, Long> modelLoadMillisByTask, Map<String, String> replayedByTask) {
    static RestoreReport fromLog(final Path log) {
        final Map<String, Long> records = new TreeMap<>();
        final Map<String, Long> millis = new TreeMap<>();
        final Map<String, Long> loads = new TreeMap<>();
        final Map<String, String> replays = new TreeMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                RestoreLog.parse(line).ifPresent(restored -> {
                    records.merge(restored.store(), restored.records(), Long::sum);
                    millis.merge(restored.store(), restored.millis(), Math::max);
                });
                ModelsReady.parse(line).ifPresent(ready -> {
                    loads.put(ready.task(), ready.millis());
                    replays.put(ready.task(), "checkpoint " + ready.checkpoint() + " + " + ready.replayed()
                        + " logged examples");
                });
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RestoreReport(records, millis, loads, replays);
    }

    @Override
    public String toString() {
        if (recordsByStore.isEmpty()) {
            return "no state restored";
        }
        return "restored " + recordsByStore.keySet().stream()
            .map(s -> s + " " + recordsByStore.get(s) + " records in " + longestMillisByStore.get(s) + " ms")
            .collect(Collectors.joining(", "))
            + "; models loaded into memory in " + modelLoadMillisByTask.entrySet().stream()
            .map(e -> e.getValue() + " ms (task " + e.getKey() + ": " + replayedByTask.get(e.getKey()) + ")")
            .collect(Collectors.joining(", "));
    }
}
