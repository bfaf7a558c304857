package dev.streamrec.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamrec.metrics.LabelCounts;
import dev.streamrec.metrics.MetricsSnapshot;

/**
 * Writes an {@link EvaluationResult} as a report directory: {@code report.md} (a table per task, the models'
 * parameter counts and throughput, the learning curves), {@code report.json} (the same figures, machine-readable,
 * with every curve point), {@code curves.csv} and one PNG per metric.
 */
public final class ReportWriter {
    /** The markdown file's name in the report directory. */
    public static final String MARKDOWN = "report.md";
    /** The JSON file's name in the report directory. */
    public static final String JSON = "report.json";
    /** The curves' CSV file's name in the report directory. */
    public static final String CSV = "curves.csv";

    private ReportWriter() {
    }

    /**
     * Writes the report into {@code dir} (created if absent; files of an earlier report are overwritten).
     *
     * @param command the command line that produced the result, quoted in the report
     * @return the markdown file
     */
    public static Path write(final EvaluationResult result, final String command, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final List<Path> plots = LearningCurvePlots.write(result, dir);
        Files.writeString(dir.resolve(CSV), csv(result));
        json().writeValue(dir.resolve(JSON).toFile(), jsonTree(result, command));
        final Path markdown = dir.resolve(MARKDOWN);
        Files.writeString(markdown, markdown(result, command, plots));
        return markdown;
    }

    static String markdown(final EvaluationResult r, final String command, final List<Path> plots) {
        final StringBuilder md = new StringBuilder();
        final EvaluationSettings s = r.settings();
        md.append("# streamrec evaluation: ").append(r.source()).append("\n\n");
        md.append("```\n").append(command).append("\n```\n\n");
        md.append(s.protocol() == Protocol.PREQUENTIAL
            ? "Protocol: **prequential** (every event scored, then learned; metrics over all events).\n"
            : String.format(Locale.ROOT, "Protocol: **offline** (first %.0f %% of the events learned, the rest scored"
                + " by the frozen models; metrics over the rest).%n", 100 * s.trainFraction()));
        md.append(String.format(Locale.ROOT, "Events: %,d (%,d learned before measuring); %.1f s wall clock, %,.0f "
            + "events/s all models together. AUC window: %s.%n", r.events(), r.trainedEvents(), r.seconds(),
            r.eventsPerSecond(), s.aucWindow() == 0 ? "all measured clicks" : Integer.toString(s.aucWindow())));
        md.append("Rejected (counted, not learned): ").append(r.rejected().isEmpty() ? "none" : r.rejected())
            .append("\n\n");
        table(md, r, "Click", Metric.CLICK_AUC, Metric.CLICK_LOG_LOSS, "clicks");
        table(md, r, "Rating", Metric.RATING_MAE, Metric.RATING_RMSE, "ratings");
        table(md, r, "Genre", Metric.GENRE_MICRO_F1, Metric.GENRE_MACRO_F1, "items");
        perLabel(md, r);
        md.append("## Models\n\n| model | parameters | seconds (own) | events/s (own) |\n|---|---|---|---|\n");
        for (final ModelResult m : r.models()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f |%n", m.model(), m.parameterCount(),
                m.seconds(), m.eventsPerSecond()));
        }
        md.append("\n## Learning curves\n\n");
        for (final Path plot : plots) {
            md.append("![").append(plot.getFileName()).append("](").append(plot.getFileName()).append(")\n\n");
        }
        return md.toString();
    }

    private static void table(final StringBuilder md, final EvaluationResult r, final String task, final Metric a,
                              final Metric b, final String unit) {
        final StringBuilder rows = new StringBuilder();
        for (final ModelResult m : r.models()) {
            final MetricsSnapshot s = m.metrics();
            if (a.count(s) > 0) {
                rows.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %,d |%n", m.model(), a.of(s), b.of(s),
                    a.count(s)));
            }
        }
        if (!rows.isEmpty()) {
            md.append("## ").append(task).append("\n\n| model | ").append(a.title()).append(" | ").append(b.title())
                .append(" | ").append(unit).append(" |\n|---|---|---|---|\n").append(rows).append('\n');
        }
    }

    /** Per model with items, each label's support, counts and F1: which labels pull macro-F1 down, and why. */
    private static void perLabel(final StringBuilder md, final EvaluationResult r) {
        for (final ModelResult m : r.models()) {
            if (m.labels().isEmpty()) {
                continue;
            }
            md.append("### Genre labels, ").append(m.model()).append("\n\n")
                .append("| label | support | predicted | TP | FP | FN | F1 |\n|---|---|---|---|---|---|---|\n");
            for (final LabelCounts c : m.labels()) {
                final String name = c.label() < m.labelNames().size() ? m.labelNames().get(c.label())
                    : Integer.toString(c.label());
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %.4f |%n", name,
                    c.support(), c.predicted(), c.truePositives(), c.falsePositives(), c.falseNegatives(), c.f1()));
            }
            md.append('\n');
        }
    }

    static String csv(final EvaluationResult r) {
        final StringBuilder csv = new StringBuilder("model,events");
        for (final Metric metric : Metric.values()) {
            csv.append(',').append(metric.key());
        }
        csv.append('\n');
        for (final ModelResult m : r.models()) {
            for (final CurvePoint p : m.curve()) {
                csv.append(m.model()).append(',').append(p.events());
                for (final Metric metric : Metric.values()) {
                    csv.append(',').append(metric.count(p.metrics()) > 0 ? Double.toString(metric.of(p.metrics()))
                        : "");
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    private static Map<String, Object> jsonTree(final EvaluationResult r, final String command) {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("source", r.source());
        root.put("protocol", r.settings().protocol().name().toLowerCase(Locale.ROOT));
        root.put("trainFraction", r.settings().protocol() == Protocol.OFFLINE ? r.settings().trainFraction() : null);
        root.put("events", r.events());
        root.put("trainedEvents", r.trainedEvents());
        root.put("seconds", r.seconds());
        root.put("eventsPerSecond", r.eventsPerSecond());
        root.put("rejected", r.rejected());
        final List<Map<String, Object>> models = new ArrayList<>();
        for (final ModelResult m : r.models()) {
            final Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", m.model());
            model.put("parameterCount", m.parameterCount());
            model.put("seconds", m.seconds());
            model.put("eventsPerSecond", m.eventsPerSecond());
            model.put("metrics", m.metrics());
            model.put("labelNames", m.labelNames());
            model.put("labels", m.labels());
            model.put("curve", m.curve());
            models.add(model);
        }
        root.put("models", models);
        return root;
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
