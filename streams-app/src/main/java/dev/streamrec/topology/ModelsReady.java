package dev.streamrec.topology;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a task logs once its models are loaded and ready to score, written and read here only (by operators'
 * log searches, {@code bench e2e --restore} and the integration tests): {@code task 1_0: models [lr, deepmix]
 * ready, N state entries loaded from the stores and R logged examples replayed (checkpoint C) in M ms (replay K
 * ms)}.
 *
 * @param task         the task id, e.g. {@code 1_0}
 * @param models       the models' names, in order
 * @param entries      state entries loaded from the model stores
 * @param replayed     logged examples learned again after the checkpoint
 * @param checkpoint   the sequence of the checkpoint the models were loaded at
 * @param millis       time from the start of loading until ready, the replay included
 * @param replayMillis time the replay took
 */
public record ModelsReady(String task, List<String> models, long entries, long replayed, long checkpoint,
                          long millis, long replayMillis) {
    private static final Pattern LINE = Pattern.compile("task (\\d+_\\d+): models \\[(.*)] ready, (\\d+) state "
        + "entries loaded from the stores and (\\d+) logged examples replayed \\(checkpoint (\\d+)\\) in (\\d+) ms "
        + "\\(replay (\\d+) ms\\)");

    /** The log line. */
    public String line() {
        return String.format(Locale.ROOT, "task %s: models %s ready, %d state entries loaded from the stores and %d "
            + "logged examples replayed (checkpoint %d) in %d ms (replay %d ms)", task, models, entries, replayed,
            checkpoint, millis, replayMillis);
    }

    /** The task's partition (the number after the underscore of its id). */
    public int partition() {
        return Integer.parseInt(task.substring(task.indexOf('_') + 1));
    }

    /** The ready line found in {@code line} (which may carry a logger's prefix), if any. */
    public static Optional<ModelsReady> parse(final String line) {
        final Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        final List<String> models = m.group(2).isEmpty() ? List.of() : List.of(m.group(2).split(", "));
        return Optional.of(new ModelsReady(m.group(1), models, Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7))));
    }
}
