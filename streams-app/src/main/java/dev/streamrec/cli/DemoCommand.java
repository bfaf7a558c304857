package dev.streamrec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.events.EventSource;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec demo}: everything in one process on 127.0.0.1: a KRaft broker, a schema registry, streamrec and
 * an event source (a generator with latent structure, or a MovieLens directory). Runs until the events are
 * processed, printing progress and each model's prequential metrics, then stops everything and exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run streamrec end to end on an embedded broker and schema registry.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000",
        description = "Events to process (generator), or the most to replay (MovieLens). Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--movielens", paramLabel = "DIR", description = "Replay this MovieLens directory instead.")
    Path movieLens;

    @Option(names = "--users", defaultValue = "500", description = "Generated users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--items", defaultValue = "200", description = "Generated items. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--report-seconds", defaultValue = "0",
        description = "Also print the metrics table every this many seconds; 0: only at the end. "
            + "Default: ${DEFAULT-VALUE}.")
    int reportSeconds;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Option(names = "--export", paramLabel = "DIR",
        description = "After the run, export every model's final state, per task, to DIR (see `export`): each task "
            + "snapshots its models after its last event, whatever the snapshot interval.")
    Path exportDir;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Override
    public Integer call() throws Exception {
        final Path stateDir = Files.createTempDirectory("streamrec-demo-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            System.out.printf("embedded Kafka at %s, schema registry at %s%n", kafka.bootstrapServers(),
                registry.url());
            final Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            props.put("application.id", "streamrec-demo");
            props.put("state.dir", stateDir.toString());
            props.put("commit.interval.ms", "1000");
            props.put(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
            props.putAll(settings.properties());
            final EventSource source = movieLens != null
                ? EventSources.movieLens(movieLens)
                : EventSources.synthetic(users, items, events, seed);
            final DemoRun run = new DemoRun(new StreamrecConfig(props), source, events,
                Duration.ofSeconds(reportSeconds), System.out).liveProgress(progressOptions.live())
                .finalSnapshot(exportDir != null);
            final int code = run.execute();
            if (code == 0 && exportDir != null) {
                final StreamrecConfig config = new StreamrecConfig(props);
                ExportCommand.export(config, new dev.streamrec.topology.TopicSerdes(
                    dev.streamrec.registry.HttpSchemaRegistryClient.fromConfigs(props)), exportDir, java.util.List.of(),
                    null, -1, System.out, progressOptions.live());
            }
            return code;
        } finally {
            DemoRun.deleteRecursively(stateDir);
        }
    }
}
