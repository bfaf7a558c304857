package dev.streamrec.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.streamrec.learning.ModelFactory;
import dev.streamrec.metrics.MetricsSnapshot;

/**
 * Repeated measurement of whole streams through the model core ({@link ModelCoreRun}): one warm-up pass over a
 * prefix of the stream (JIT compilation, first touch of the weight arrays, ND4J start-up), then {@code repeats}
 * passes over the whole stream, each with fresh models, summarized as median and spread of events per second.
 */
public final class CoreBench {
    private final Map<String, String> properties;
    private final long warmUpEvents;
    private final int repeats;
    private final int aucWindow;

    /**
     * One measured configuration.
     *
     * @param label     what was measured (model set, stream, setting)
     * @param events    events per pass
     * @param wall      events per wall-clock second over the passes
     * @param cpu       events per CPU second of the measuring thread
     * @param last      the last pass (metrics, parameter count)
     */
    public record Row(String label, long events, Spread wall, Spread cpu, ModelCoreRun.Pass last) {
    }

    /**
     * @param properties   model and feature settings shared by every measurement
     * @param warmUpEvents events of the warm-up pass
     * @param repeats      measured passes per configuration (at least 1)
     */
    public CoreBench(final Map<String, String> properties, final long warmUpEvents, final int repeats,
                     final int aucWindow) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        this.properties = Map.copyOf(properties);
        this.warmUpEvents = warmUpEvents;
        this.repeats = repeats;
        this.aucWindow = aucWindow;
    }

    /** {@code all} = every known model in the topology's order; otherwise a comma-separated list of names. */
    public static List<String> modelSet(final String spec) {
        return "all".equals(spec) ? ModelFactory.KNOWN : List.of(spec.split(","));
    }

    /** Measures the model set {@code spec} on {@code events}, with {@code overrides} on top of the shared settings. */
    public Row measure(final String label, final String spec, final List<BenchEvent> events,
                       final Map<String, String> overrides) {
        final Map<String, String> props = new HashMap<>(properties);
        props.putAll(overrides);
        final ModelCoreRun run = new ModelCoreRun(modelSet(spec), props, aucWindow);
        run.run(events.subList(0, (int) Math.min(warmUpEvents, events.size())));
        final double[] wall = new double[repeats];
        final double[] cpu = new double[repeats];
        ModelCoreRun.Pass pass = null;
        for (int r = 0; r < repeats; r++) {
            pass = run.run(events);
            wall[r] = pass.eventsPerSecond();
            cpu[r] = pass.eventsPerCpuSecond();
        }
        return new Row(label, pass.events(), Spread.of(wall), Spread.of(cpu), pass);
    }

    /** Prints rows as a Markdown table: throughput, then click AUC and rating MAE of each model of the last pass. */
    public static void print(final String title, final List<Row> rows, final PrintStream out) {
        out.println();
        out.println("| " + title + " | events | events/s (median, ±half-range, n) | events/CPU-s (median) "
            + "| parameters | click AUC / rating MAE (last pass) |");
        out.println("|---|---:|---:|---:|---:|---|");
        for (final Row row : rows) {
            final List<String> quality = new ArrayList<>();
            for (final MetricsSnapshot m : row.last().metrics()) {
                quality.add(String.format(Locale.ROOT, "%s %.4f / %.4f", m.model(), m.auc(), m.mae()));
            }
            out.printf(Locale.ROOT, "| %s | %,d | %s | %,.0f | %,d | %s |%n", row.label(), row.events(),
                row.wall().format(), row.cpu().median(), row.last().parameters(), String.join("; ", quality));
        }
    }
}
