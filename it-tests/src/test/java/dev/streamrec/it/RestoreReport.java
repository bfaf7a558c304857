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

import dev.streamrec.cli.RestoreLog;

/**
 * The state restores a streamrec process logged ({@link RestoreLog}): per store, the records restored over all its
 * partitions and the longest partition restore.
 */
record RestoreReport(Map<String, Long> recordsByStore, Map<String, Long> longestMillisByStore) {
    private static final Pattern LINE = Pattern.compile(Pattern.quote(RestoreLog.LINE_PREFIX)
        + " store=(\\S+) changelog=\\S+ records=(\\d+) millis=(\\d+)");

    static RestoreReport fromLog(final Path log) {
        final Map<String, Long> records = new TreeMap<>();
        final Map<String, Long> millis = new TreeMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                final Matcher m = LINE.matcher(line);
                if (m.find()) {
                    records.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
                    millis.merge(m.group(1), Long.parseLong(m.group(3)), Math::max);
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RestoreReport(records, millis);
    }

    @Override
    public String toString() {
        if (recordsByStore.isEmpty()) {
            return "no state restored";
        }
        return "restored " + recordsByStore.keySet().stream()
            .map(s -> s + " " + recordsByStore.get(s) + " records in " + longestMillisByStore.get(s) + " ms")
            .collect(Collectors.joining(", "));
    }
}
