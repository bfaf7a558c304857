package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.bench.Percentiles;
import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec bench e2e}: events/s and per-event latency through an embedded broker with exactly-once and all
 * models on ({@link EndToEndRun} defines the latency), plus heap and resident memory of the process.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = "Events/s and p50/p99 latency end to end (embedded broker, exactly-once), heap and RSS.")
final class BenchEndToEndCommand implements Callable<Integer> {
    @Option(names = "--movielens", paramLabel = "DIR", description = "Replay this MovieLens directory.")
    Path movieLens;

    @Option(names = "--events", defaultValue = "50000",
        description = "Measured events (after the warm-up). Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--warmup-events", defaultValue = "5000",
        description = "Events sent and scored before measuring. Default: ${DEFAULT-VALUE}.")
    long warmUpEvents;

    @Option(names = "--rate", defaultValue = "0",
        description = "Events/s to send the measured events at; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--users", defaultValue = "10000", description = "Generated users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--items", defaultValue = "5000", description = "Generated items. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also append the result row to this file.")
    Path markdown;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Override
    public Integer call() throws Exception {
        final Path stateDir = Files.createTempDirectory("streamrec-bench-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            props.put("application.id", "streamrec-bench");
            props.put("state.dir", stateDir.toString());
            props.put("commit.interval.ms", "100");
            props.put(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
            props.putAll(settings.properties());
            final StreamrecConfig config = new StreamrecConfig(props);
            final EndToEndRun run = new EndToEndRun(config,
                movieLens != null ? EventSources.movieLens(movieLens)
                    : EventSources.synthetic(users, items, warmUpEvents + events, seed),
                warmUpEvents, events, rate, System.out);
            final EndToEndRun.Result result = run.execute();
            final String stream = movieLens != null ? "MovieLens " + movieLens.getFileName()
                : String.format(Locale.ROOT, "generated %,d x %,d", users, items);
            final String row = row(stream, config, result);
            System.out.println(header());
            System.out.println(row);
            if (markdown != null) {
                appendRow(row);
            }
            return result.visible() == result.measured() ? 0 : 1;
        } finally {
            DemoRun.deleteRecursively(stateDir);
        }
    }

    /** The header of the table the rows of several runs share. */
    static String header() {
        return "| stream | models | sent at (achieved) | events | events/s | p50 ms | p90 ms | p99 ms | max ms "
            + "| peak heap MiB | RSS MiB (peak) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    private String row(final String stream, final StreamrecConfig config, final EndToEndRun.Result r) {
        final Percentiles p = r.latency();
        return String.format(Locale.ROOT, "| %s | %s | %s | %,d of %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %,d "
                + "| %,d (%,d) |", stream, String.join(",", config.models()),
            (rate > 0 ? String.format(Locale.ROOT, "%,.0f/s", rate) : "full speed")
                + String.format(Locale.ROOT, " (%,.0f/s)", r.measured() / Math.max(r.sendSeconds(), 1e-9)),
            r.visible(), r.measured(),
            r.eventsPerSecond(), p.p50() / 1e6, p.p90() / 1e6, p.p99() / 1e6, p.max() / 1e6,
            r.peakHeapBytes() >> 20, r.memory().rssKiB() >> 10, r.memory().peakRssKiB() >> 10);
    }

    private void appendRow(final String row) {
        try (PrintStream file = new PrintStream(Files.newOutputStream(markdown, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            file.println(row);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot append to " + markdown, e);
        }
    }
}
