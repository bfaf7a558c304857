package dev.streamrec.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dev.streamrec.runtime.RestoreLog;



/**
 * The state restores a streamrec process logged: per store, the records restored from its changelog over all its
 * partitions and the longest partition restore ({@link RestoreLog}); then, per task, how long the models took to
 * load from the restored stores into memory, from which checkpoint and how many logged examples they learned again
 * (the scoring processor's "ready" line).
 */
record RestoreReport(Map<String, Long> recordsByStore, Map<String, Long> longestMillisByStore,
                     Map<String, Long> modelLoadMillisByTask, Map<String, String> replayedByTask) {
    private static final Pattern RESTORED = Pattern.compile(Pattern.quote(RestoreLog.LINE_PREFIX)
        + " store=(\\S+) changelog=\\S+ records=(\\d+) millis=(\\d+)");
    private static final Pattern LOADED = Pattern.compile(
        "task (\\S+): models \\[.*\\] ready, \\d+ state entries loaded from the stores and (\\d+) logged examples "
            + "replayed \\(checkpoint (\\d+)\\) in (\\d+) ms");

    static RestoreReport fromLog(final Path log) {
        final Map<String, Long> records = new TreeMap<>();
        final Map<String, Long> millis = new TreeMap<>();
        final Map<String, Long> loads = new TreeMap<>();
        final Map<String, String> replays = new TreeMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                final Matcher restored = RESTORED.matcher(line);
                if (restored.find()) {
                    records.merge(restored.group(1), Long.parseLong(restored.group(2)), Long::sum);
                    millis.merge(restored.group(1), Long.parseLong(restored.group(3)), Math::max);
                }
                final Matcher loaded = LOADED.matcher(line);
                if (loaded.find()) {
                    loads.put(loaded.group(1), Long.parseLong(loaded.group(4)));
                    replays.put(loaded.group(1), "checkpoint " + loaded.group(3) + " + " + loaded.group(2)
                        + " logged examples");
                }
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
