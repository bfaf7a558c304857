package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: streamrec runs as a separate JVM ({@code streamrec run}) over a prefix of the ML-100k stream
 * plus one malformed record of each kind, and is killed with SIGKILL at {@link #KILLS} points drawn from a seeded
 * random ({@code -Dstreamrec.it.crash.seed}), each time restarted on the same state directory, except once, drawn
 * from the same seed, when the directory is wiped so that every store is rebuilt from its changelog. Once all
 * input is processed, a read_committed consumer must see every valid event scored exactly once and every bad one
 * dead-lettered with its reason, and the scored events' bytes, every model's final state and the final snapshot of
 * every model and task (manifest with its prequential metrics, and payload) must be identical to those of an
 * uninterrupted run over the same input topics.
 *
 * <p>The prefix ({@code -Dstreamrec.it.crash.ratings}, default {@value #DEFAULT_RATINGS} ratings and their
 * impressions) keeps the test within CI's budget with all three models; {@code 100000} runs the whole data set.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class CrashConsistencyIT {
    static final int DEFAULT_RATINGS = 8_000;
    private static final int RATINGS = Integer.getInteger("streamrec.it.crash.ratings", DEFAULT_RATINGS);
    private static final int KILLS = Integer.getInteger("streamrec.it.crash.kills", 4);
    private static final long SEED = Long.getLong("streamrec.it.crash.seed", 20_261_123L);
    /** Events per task between snapshots: several snapshots per model and task, kills fall between them. */
    private static final long SNAPSHOT_EVERY_EVENTS = 2_500;
    /** Events per task between checkpoints: several per task, out of step with the snapshots (which checkpoint too). */
    private static final long CHECKPOINT_EVERY_EVENTS = 997;

    /** Each child process's output, kept after the test for inspection. */
    private static final Path LOGS = Path.of("target", "it-logs", "crash");

    @TempDir
    Path work;

    @Test
    void sigkilledApplicationEndsExactlyWhereAnUninterruptedRunEnds() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        try (StreamrecCluster cluster = new StreamrecCluster("unused", work.resolve("unused"), 2, Map.of())) {
            final Topics topics = cluster.config.topics();
            final MovieLensDataset dataset = MovieLensDataset.open(movieLens, malformed -> { });
            final Set<String> published = new HashSet<>(MovieLensPrefix.eventIds(dataset, 2L * RATINGS));
            final Map<String, Long> rejections;
            try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(), topics,
                cluster.serdes)) {
                dataset.replay(new PublishingSink(publisher, 2L * RATINGS, () -> { }, () -> { }));
                rejections = MalformedRecords.publish(publisher, topics, cluster.serdes);
                publisher.flush();
            }
            final long inputs = published.size() + rejections.values().stream().mapToLong(v -> v).sum();

            final StreamrecConfig reference = appConfig(cluster, "crash-reference");
            final long referenceStart = System.nanoTime();
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(reference,
                     HttpSchemaRegistryClient.fromConfigs(reference.originalsStrings())),
                     reference.streamsProperties())) {
                runner.start();
                Await.processed(reference, () -> runner.failure() == null);
                assertNull(runner.failure(), "the uninterrupted run failed");
            }
            System.out.printf(Locale.ROOT, "crash IT: uninterrupted run of %d input records took %.1f s%n", inputs,
                (System.nanoTime() - referenceStart) / 1e9);
            final RunOutputs expected = RunOutputs.read(reference, cluster.serdes);
            assertEquals(0, expected.duplicateIds(), "uninterrupted run: duplicates");
            assertEquals(published, expected.scoredById().keySet(), "uninterrupted run: scored events");
            assertEquals(rejections, expected.deadLettersByReason(), "uninterrupted run: dead letters");
            expected.modelStateBytes().forEach((model, bytes) ->
                assertTrue(bytes > 0, "uninterrupted run left no state for model " + model));
            assertEquals(2 * reference.models().size(), expected.finalSnapshots().size(),
                "uninterrupted run: a final snapshot of every model in each of the 2 tasks");
            assertTrue(expected.snapshotManifests() >= 2L * expected.finalSnapshots().size(),
                "uninterrupted run: several snapshots per model and task, got " + expected.snapshotManifests());

            final StreamrecConfig killed = appConfig(cluster, "crash-killed");
            final int survived = runWithKills(cluster, killed, inputs);
            final RunOutputs actual = RunOutputs.read(killed, cluster.serdes);
            assertEquals(0, actual.duplicateIds(), "events scored more than once");
            assertEquals(published, actual.scoredById().keySet(), "every valid event scored exactly once");
            assertEquals(rejections, actual.deadLettersByReason(), "dead letters by reason");
            assertEquals(inputs, actual.scoredById().size() + actual.deadLettersByReason().values().stream()
                .mapToLong(v -> v).sum(), "input = scored + dead-lettered");
            actual.assertSameResultsAs(expected);
            System.out.printf(Locale.ROOT, "crash IT: %d SIGKILLs survived; %d scored + %d dead-lettered, "
                    + "bit-identical to the uninterrupted run, final snapshots of %d models x tasks too (%d "
                    + "manifests); final model state bytes %s (seed %d, %d ratings)%n",
                survived, actual.scoredById().size(), inputs - actual.scoredById().size(),
                actual.finalSnapshots().size(), actual.snapshotManifests(), actual.modelStateBytes(), SEED, RATINGS);
        }
    }

    /** Runs {@code config} in child JVMs, SIGKILLing each at a drawn point; returns the number of kills survived. */
    private int runWithKills(final StreamrecCluster cluster, final StreamrecConfig config, final long inputs)
        throws Exception {
        final Random random = new Random(SEED);
        final int wipeAfterKill = random.nextInt(KILLS);
        final Path stateDir = Path.of(config.originalsStrings().get("state.dir"));
        deleteRecursively(LOGS);
        int survived = 0;
        try (OutputReader progress = new OutputReader(config.clientProperties(), config.topics(), cluster.serdes,
            1_000)) {
            for (int kill = 0; kill < KILLS; kill++) {
                // Kill points spread over the stream, at least 0.4 / (KILLS + 1) of it apart.
                final long point = (long) (inputs * (kill + 0.2 + 0.6 * random.nextDouble()) / (KILLS + 1));
                final Path log = LOGS.resolve("run-" + kill + ".log");
                try (StreamrecProcess process = StreamrecProcess.start(config.originalsStrings(), log)) {
                    final long before = Await.committedOutputs(progress);
                    Await.until(() -> Await.committedOutputs(progress) >= Math.max(point, before + 1),
                        process::isAlive,
                        "committed output to reach " + point + " (process " + process.pid() + ", log " + log + ")");
                    // Odd kills: at the next checkpoint a task stages, before (or while) its commit writes it.
                    // Even kills: wherever the stream is, i.e. inside some task's example log. On a loaded machine
                    // one commit can carry the output past the last checkpoint the input will ever stage: once
                    // every input is committed no checkpoint can follow, and the run is killed where it is.
                    final long checkpoints = checkpointsStaged(log);
                    if (kill % 2 == 1) {
                        Await.fastUntil(() -> checkpointsStaged(log) > checkpoints
                                || Await.committedOutputs(progress) >= inputs, process::isAlive,
                            "a checkpoint after " + point + " (process " + process.pid() + ", log " + log + ")");
                    }
                    final long at = Await.committedOutputs(progress);
                    assertEquals(StreamrecProcess.SIGKILL_EXIT, process.kill(), "exit status after SIGKILL");
                    survived++;
                    System.out.printf(Locale.ROOT, "crash IT: run %d (%s) %s; SIGKILLed at %d of %d committed "
                        + "outputs%s%n", kill, startedFrom(kill, wipeAfterKill), RestoreReport.fromLog(log), at,
                        inputs, kill % 2 == 1 ? ", right after checkpoint " + lastCheckpoint(log) + " was staged" : "");
                }
                if (kill == wipeAfterKill) {
                    deleteRecursively(stateDir);
                }
            }
            final Path log = LOGS.resolve("run-final.log");
            try (StreamrecProcess process = StreamrecProcess.start(config.originalsStrings(), log)) {
                Await.processed(config, process::isAlive);
                final int status = process.stop();
                System.out.printf(Locale.ROOT, "crash IT: run %d (%s) %s; processed all, exit status %d after "
                    + "SIGTERM%n", KILLS, startedFrom(KILLS, wipeAfterKill), RestoreReport.fromLog(log), status);
            }
        }
        return survived;
    }

    private static final Pattern CHECKPOINT = Pattern.compile("task \\S+: checkpoint (\\d+) staged");

    /** The checkpoint lines the child has logged so far. */
    private static long checkpointsStaged(final Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> CHECKPOINT.matcher(line).find()).count();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastCheckpoint(final Path log) {
        try (var lines = Files.lines(log)) {
            return lines.map(CHECKPOINT::matcher).filter(Matcher::find).reduce((a, b) -> b)
                .map(m -> m.group(0)).orElse("none");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String startedFrom(final int run, final int wipeAfterKill) {
        if (run == 0) {
            return "first start";
        }
        return "after SIGKILL " + run + (run - 1 == wipeAfterKill ? ", state dir wiped" : ", same state dir");
    }

    private StreamrecConfig appConfig(final StreamrecCluster cluster, final String applicationId) {
        final Map<String, String> props = new HashMap<>(cluster.config.originalsStrings());
        props.put("application.id", applicationId);
        props.put("state.dir", work.resolve("state-" + applicationId).toString());
        props.put(StreamrecConfig.TOPIC_SCORED, applicationId + "-scored");
        props.put(StreamrecConfig.TOPIC_DEAD_LETTERS, applicationId + "-dead-letters");
        props.put(StreamrecConfig.TOPIC_SNAPSHOTS, applicationId + "-snapshots");
        props.put(StreamrecConfig.SNAPSHOT_EVERY_EVENTS, Long.toString(SNAPSHOT_EVERY_EVENTS));
        props.put(StreamrecConfig.CHECKPOINT_EVERY_EVENTS, Long.toString(CHECKPOINT_EVERY_EVENTS));
        // A SIGKILLed member stays in the consumer group until its session times out (45 s by default), and the
        // restarted instance gets no partitions before that; the broker's minimum, 6 s, keeps restarts quick.
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1500");
        final StreamrecConfig config = new StreamrecConfig(props);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), 2, (short) 1,
                config.getLong(StreamrecConfig.RETENTION_MS));
        }
        return config;
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                final List<Path> all = new ArrayList<>(paths.toList());
                java.util.Collections.reverse(all);
                for (final Path p : all) {
                    Files.delete(p);
                }
            }
        }
    }
}
