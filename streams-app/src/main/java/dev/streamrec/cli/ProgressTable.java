package dev.streamrec.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import dev.streamrec.metrics.MetricsSnapshot;

/** Prints the demo's progress and a table of each model's prequential metrics, read from the output topics. */
final class ProgressTable {
    private final PrintStream out;

    ProgressTable(final PrintStream out) {
        this.out = out;
    }

    void print(final OutputReader outputs, final long published, final long elapsedNanos) {
        final double seconds = elapsedNanos / 1e9;
        final long done = outputs.scored() + outputs.deadLetters();
        out.printf(Locale.ROOT, "%n%.1fs: %d published, %d scored, %d dead-lettered, %.0f events/s%n",
            seconds, published, outputs.scored(), outputs.deadLetters(), seconds > 0 ? done / seconds : 0.0);
        out.printf(Locale.ROOT, "  %-8s %10s %8s %8s %9s %8s %8s%n", "model", "version", "AUC", "logloss",
            "ratings", "MAE", "RMSE");
        final Map<String, Long> versions = outputs.versions();
        for (final MetricsSnapshot s : outputs.metrics().values()) {
            out.printf(Locale.ROOT, "  %-8s %10d %8.4f %8.4f %9d %8.4f %8.4f%n", s.model(),
                versions.getOrDefault(s.model(), 0L), s.auc(), s.logLoss(), s.ratingCount(), s.mae(), s.rmse());
        }
        out.flush();
    }
}
