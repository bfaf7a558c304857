package dev.streamrec.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.evaluation.PartitionedEvaluation;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.topology.StreamrecConfig;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamrec simulate-partitions DIR}: the in-process simulation of N stream tasks, each with its own models,
 * with or without parameter sync across them (docs/shared-model.md).
 */
@Command(name = "simulate-partitions", mixinStandardHelpOptions = true,
    description = "Replay a MovieLens directory in process through N tasks (users split as Kafka's default "
        + "partitioner splits them), with or without parameter sync, and print the prequential metrics.")
final class SimulatePartitionsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A MovieLens directory (ml-100k or ml-1m format).")
    Path movieLens;

    @Option(names = "--partitions", defaultValue = "1", description = "Tasks (partitions). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--sync-round-ms", defaultValue = "0",
        description = "Round length in event time (ms); 0 = sync off (independent models). Default: ${DEFAULT-VALUE}.")
    long roundMillis;

    @Option(names = "--sync-staleness", defaultValue = "1",
        description = "Merged round r is applied at the start of round r + S. Default: ${DEFAULT-VALUE}.")
    int staleness;

    @Option(names = "--sync-dense-every-rounds", defaultValue = "1",
        description = "Sync the dense tensors (towers, trunk) only every K rounds; rows and FTRL every round. "
            + "Default: ${DEFAULT-VALUE}.")
    int denseEveryRounds;

    @Option(names = "--events", defaultValue = "" + Long.MAX_VALUE,
        description = "Use at most this many events from the start of the stream. Default: all.")
    long events;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    /**
     * Kafka's default partitioner of a keyed record: murmur2 of the serialized key (the user id, UTF-8, as
     * EventPublisher keys the event topics), made positive, modulo the partition count.
     */
    static int partitionOf(final String user, final int partitions) {
        return Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Integer call() {
        final Map<String, String> props = new HashMap<>(settings.properties());
        props.putIfAbsent(StreamrecConfig.REGISTRY_URL, "unused-by-simulate"); // required by the schema, never used
        final StreamrecConfig config = new StreamrecConfig(props);
        final FeatureConfig features = FeatureConfig.fromProperties(config.modelProperties());
        final ModelFactory models = new ModelFactory(config.models(), config.modelProperties(), features,
            config.validation());
        final int n = partitions;
        final PartitionedEvaluation simulation = new PartitionedEvaluation(features, config.validation(), models, n,
            user -> partitionOf(user, n),
            new PartitionedEvaluation.Sync(roundMillis, staleness, denseEveryRounds), events);
        final PartitionedEvaluation.Result r = simulation.run(EventSources.movieLens(movieLens));
        System.out.printf(Locale.ROOT, "%,d events over %d partitions in %.1f s; sync %s; rejected: %s%n", r.events(),
            n, r.seconds(), roundMillis > 0 ? "round " + roundMillis + " ms, staleness " + staleness + ", dense every "
                + denseEveryRounds + " rounds" : "off",
            r.rejected());
        System.out.println("events per task: " + java.util.Arrays.toString(r.eventsPerTask()));
        if (roundMillis > 0) {
            System.out.printf(Locale.ROOT, "%,d rounds; deltas %,.1f bytes/event, merged rounds %,.1f bytes/event "
                + "(one copy)%n", r.rounds(), (double) r.deltaBytes() / r.events(),
                (double) r.mergedBytes() / r.events());
            r.mergedBytesByPart().forEach((part, bytes) -> System.out.printf(Locale.ROOT,
                "  merged %-32s %,10.1f bytes/event%n", part, (double) bytes / r.events()));
        }
        System.out.printf(Locale.ROOT, "  %-8s %8s %8s %8s %8s%n", "model", "AUC", "logloss", "MAE", "RMSE");
        for (final MetricsSnapshot m : r.metrics()) {
            System.out.printf(Locale.ROOT, "  %-8s %8.4f %8.4f %8.4f %8.4f%n", m.model(), m.auc(), m.logLoss(),
                m.mae(), m.rmse());
        }
        return 0;
    }
}
