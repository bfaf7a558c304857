package dev.streamrec.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.runtime.WarmStarts;
import dev.streamrec.topology.ApplicationReset;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec replay}: resets the application (internal topics, consumer group offsets, local state; see
 * {@link ApplicationReset}) and runs it again over the input topics from the beginning, or from {@code --from}.
 * Outputs go to the configured topics: set {@code streamrec.topic.scored-events} (and the others) to replay into
 * separate topics; missing ones are created.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Reset streamrec and reprocess its input topics from the beginning or from a time.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--from", paramLabel = "INSTANT",
        description = "Replay events from this time (ISO-8601, e.g. 1998-01-01T00:00:00Z); profiles from the start.")
    Instant from;

    @Option(names = "--replication-factor", defaultValue = "1",
        description = "Replication factor of output topics the replay creates. Default: ${DEFAULT-VALUE}.")
    short replication;

    @Option(names = "--reset-only", description = "Reset and exit without running.")
    boolean resetOnly;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, String> props = connection.properties();
        final StreamrecConfig config = new StreamrecConfig(props);
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(props);
        final ApplicationReset.Report report = ApplicationReset.forReplay(config, from, replication);
        System.out.printf("reset %s: deleted internal topics %s, consumer group %s, start offsets %s%n",
            config.streamsProperties().getProperty("application.id"), report.deletedTopics(),
            report.groupDeleted() ? "deleted" : "absent", report.startOffsets().isEmpty() ? "earliest"
                : report.startOffsets());
        try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry,
            WarmStarts.load(config, new TopicSerdes(registry))), config.streamsProperties())) {
            runner.cleanUp();
            if (resetOnly) {
                return 0;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "streamrec-shutdown"));
            runner.start();
            showProgressUntilCaughtUp(config, runner);
            runner.awaitStopped();
            return runner.failure() == null ? 0 : 1;
        }
    }

    /**
     * Shows how far the replay has got through the input (records behind the application's committed offsets),
     * until it has caught up with the input's end or stops; the application keeps running after that.
     */
    private void showProgressUntilCaughtUp(final StreamrecConfig config, final StreamsRunner runner)
        throws InterruptedException {
        final String applicationId = config.streamsProperties().getProperty("application.id");
        final List<String> inputs = List.of(config.topics().impressions(), config.topics().ratings(),
            config.topics().users());
        try (Admin admin = Admin.create(config.clientProperties())) {
            final long start = CommittedInput.position(admin, applicationId, inputs).committed();
            final Progress progress = new Progress(System.out, "replay", "records", 0, progressOptions.live());
            while (!runner.awaitStopped(Duration.ofSeconds(1))) {
                final CommittedInput.Position now = CommittedInput.position(admin, applicationId, inputs);
                progress.total(now.end() - start);
                progress.update(now.committed() - start);
                if (now.committed() >= now.end()) {
                    progress.finish("caught up with the input; still running (Ctrl-C stops)");
                    return;
                }
            }
        }
    }
}
