package dev.streamrec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code streamrec bench query}: live-query latency (top-10 recommendations over HTTP, per model) while the
 * application processes a stream at a fraction of its measured capacity ({@link QueryBenchRun} defines both).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "p50/p99 latency of live top-K queries per model while streamrec learns at half its capacity.")
final class BenchQueryCommand implements Callable<Integer> {
    @Option(names = "--movielens", paramLabel = "DIR", required = true,
        description = "Replay this MovieLens directory (its items are the candidates).")
    Path movieLens;

    @Option(names = "--warmup-events", defaultValue = "5000",
        description = "Events sent and scored first (start-up, JIT). Default: ${DEFAULT-VALUE}.")
    long warmUpEvents;

    @Option(names = "--capacity-events", defaultValue = "20000",
        description = "Events sent at full speed to measure the capacity. Default: ${DEFAULT-VALUE}.")
    long capacityEvents;

    @Option(names = "--load", defaultValue = "0.5",
        description = "Fraction of the capacity the stream is sent at while querying. Default: ${DEFAULT-VALUE}.")
    double load;

    @Option(names = "--queries", defaultValue = "200",
        description = "Measured queries per model (after " + QueryBenchRun.WARM_QUERIES + " warm-up ones). "
            + "Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the queried users. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--client", defaultValue = "BLOCKING",
        description = "HTTP client timing the queries, in this JVM: BLOCKING (HttpURLConnection, no thread hand-off) "
            + "or JDK (java.net.http.HttpClient, with its selector thread). Default: ${DEFAULT-VALUE}.")
    QueryClient.Kind client;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Override
    public Integer call() throws Exception {
        if (load <= 0 || load > 1 || queries < 1) {
            throw new IllegalArgumentException("--load must be in (0, 1] and --queries at least 1");
        }
        final Path stateDir = Files.createTempDirectory("streamrec-bench-query");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            props.put("application.id", "streamrec-bench-query");
            props.put("state.dir", stateDir.toString());
            props.put("commit.interval.ms", "100");
            props.put(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
            props.putAll(settings.properties());
            final StreamrecConfig config = new StreamrecConfig(props);
            final QueryBenchRun.Result result = new QueryBenchRun(config, EventSources.movieLens(movieLens),
                warmUpEvents, capacityEvents, queries, load, seed, client, System.out).execute();
            System.out.printf(Locale.ROOT, "stream: capacity %,.0f events/s; sent at %,.0f/s and scored %,.0f/s "
                + "while querying (target %.0f%%)%n", result.capacity(), result.sentRate(), result.processed(),
                load * 100);
            System.out.println("| model | queries | candidates scored (mean) | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (final QueryBenchRun.ModelLatency m : result.models()) {
                final Percentiles p = m.latency();
                System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f |%n", m.model(),
                    p.count(), m.meanCandidates(), p.p50() / 1e6, p.p90() / 1e6, p.p99() / 1e6, p.max() / 1e6);
            }
            for (final QueryBenchRun.ModelLatency m : result.models()) {
                System.out.println("last answer of " + m.model() + ": " + m.lastAnswer());
            }
            return 0;
        } finally {
            DemoRun.deleteRecursively(stateDir);
        }
    }
}
