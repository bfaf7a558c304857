package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.streamrec.endpoint.OpsEndpoint;
import dev.streamrec.events.EventSource;
import dev.streamrec.query.LiveQueries;
import dev.streamrec.query.QueryHandlers;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.registry.SchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.runtime.WarmStarts;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One end-to-end run against a cluster: creates the topics, publishes the source's profiles, starts streamrec,
 * publishes the events while reading the outputs, and stops once every published event is either scored or
 * dead-lettered. Progress and per-model metrics are printed as it goes.
 */
public final class DemoRun {
    private final StreamrecConfig config;
    private final EventSource source;
    private final long maxEvents;
    private final Duration reportEvery;
    private final PrintStream out;
    private final Duration metricsRefresh;
    private volatile int httpPort = -1;
    private boolean liveProgress;
    private boolean finalSnapshot;

    public DemoRun(final StreamrecConfig config, final EventSource source, final long maxEvents,
                   final Duration reportEvery, final PrintStream out) {
        this(config, source, maxEvents, reportEvery, out, OpsEndpoint.DEFAULT_REFRESH);
    }

    /** As above; {@code metricsRefresh}: how often the endpoint binds newly registered Kafka metrics. */
    public DemoRun(final StreamrecConfig config, final EventSource source, final long maxEvents,
                   final Duration reportEvery, final PrintStream out, final Duration metricsRefresh) {
        this.config = config;
        this.source = source;
        this.maxEvents = maxEvents;
        this.reportEvery = reportEvery;
        this.out = out;
        this.metricsRefresh = metricsRefresh;
    }

    /**
     * Whether to redraw a progress line (events done, events/s, ETA, each model's AUC and MAE) while it runs;
     * the summary line and the final table are printed either way.
     */
    public DemoRun liveProgress(final boolean live) {
        this.liveProgress = live;
        return this;
    }

    /**
     * Whether to have every task snapshot its models after the last event ({@link EventPublisher#requestSnapshots})
     * and wait until those snapshots are committed, so that an export afterwards holds the final models.
     */
    public DemoRun finalSnapshot(final boolean requested) {
        this.finalSnapshot = requested;
        return this;
    }

    /**
     * The port the operations endpoint is asked for: {@value StreamrecConfig#HTTP_PORT} when it is set, else -1 (off):
     * an in-process run does not take the production default port, which another run may hold.
     */
    private int endpointPort() {
        return config.originals().containsKey(StreamrecConfig.HTTP_PORT) ? config.getInt(StreamrecConfig.HTTP_PORT)
            : -1;
    }

    /** The port of the operations endpoint once it serves ({@value StreamrecConfig#HTTP_PORT} >= 0), else -1. */
    public int httpPort() {
        return httpPort;
    }

    /** Runs to completion; returns the process exit code (0 when every event was accounted for). */
    public int execute() throws InterruptedException {
        final SchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final TopicSerdes serdes = new TopicSerdes(registry);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), config.getInt(StreamrecConfig.PARTITIONS),
                (short) 1, config.getLong(StreamrecConfig.RETENTION_MS));
        }
        final CountDownLatch profilesPublished = new CountDownLatch(1);
        final CountDownLatch streamsStarted = new CountDownLatch(1);
        final AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        final ProgressTable table = new ProgressTable(out);
        final Properties streamsProperties = config.streamsProperties();
        final HostInfo self = LiveQueries.applicationServer(streamsProperties, endpointPort());
        try (EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes);
             StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry,
                 warmStart(serdes)),
                 streamsProperties);
             OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(), serdes,
                 config.getInt(StreamrecConfig.AUC_WINDOW));
             OpsEndpoint endpoint = endpointPort() < 0 ? null
                 : OpsEndpoint.start(endpointPort(), runner.streams(), metricsRefresh)) {
            if (endpoint != null && self != null) { // live queries
                endpoint.serve(QueryHandlers.PREFIX, LiveQueries.handlers(runner.streams(), runner.liveModels(),
                    config, serdes.itemProfile().deserializer(), self));
            }
            if (endpoint != null) {
                httpPort = endpoint.port();
                out.printf("metrics at http://127.0.0.1:%d/metrics%n", httpPort);
            }
            final PublishingSink sink = new PublishingSink(publisher, maxEvents, () -> {
                publisher.flush();
                profilesPublished.countDown();
                awaitQuietly(streamsStarted);
            }, () -> { });
            final Thread producer = new Thread(() -> {
                try {
                    source.replay(sink);
                    publisher.flush();
                } catch (final RuntimeException e) {
                    publishFailure.set(e);
                } finally {
                    sink.finish();
                    profilesPublished.countDown();
                }
            }, "streamrec-demo-publisher");
            producer.start();
            profilesPublished.await();
            out.printf("published %d profiles; starting streamrec%n", publisher.profiles());
            runner.start();
            streamsStarted.countDown();
            final long started = System.nanoTime();
            final Progress progress = new Progress(out, "demo", "events", maxEvents, liveProgress);
            progress.metrics(() -> MetricsLine.of(outputs.metrics().values()));
            long nextReport = started + reportEvery.toNanos();
            while (!(sink.finished() && outputs.scored() + outputs.deadLetters() >= sink.published())) {
                if (runner.failure() != null || publishFailure.get() != null) {
                    break;
                }
                outputs.poll(Duration.ofMillis(200), null, null);
                if (sink.finished()) {
                    progress.total(sink.published());
                }
                progress.update(outputs.scored() + outputs.deadLetters());
                if (!reportEvery.isZero() && System.nanoTime() >= nextReport) {
                    table.print(outputs, sink.published(), System.nanoTime() - started);
                    nextReport += reportEvery.toNanos();
                }
            }
            producer.join(TimeUnit.SECONDS.toMillis(30));
            if (finalSnapshot && runner.failure() == null && publishFailure.get() == null) {
                awaitFinalSnapshots(publisher, runner, outputs);
            }
            progress.finish(String.format("%d published, %d scored, %d dead-lettered", sink.published(),
                outputs.scored(), outputs.deadLetters()));
            table.print(outputs, sink.published(), System.nanoTime() - started);
            return report(runner.failure(), publishFailure.get(), outputs, sink.published());
        }
    }

    /** Requests a snapshot from every task and waits until the requests' offsets are committed (with the snapshots). */
    private void awaitFinalSnapshots(final EventPublisher publisher, final StreamsRunner runner,
                                     final OutputReader outputs) {
        publisher.requestSnapshots();
        publisher.flush();
        final String applicationId = config.streamsProperties().getProperty("application.id");
        final java.util.List<String> inputs = java.util.List.of(config.topics().impressions(),
            config.topics().ratings());
        try (Admin admin = Admin.create(config.clientProperties())) {
            while (runner.failure() == null && CommittedInput.remaining(admin, applicationId, inputs) > 0) {
                outputs.poll(Duration.ofMillis(200), null, null); // waits, and keeps the counts current
            }
        }
    }

    private dev.streamrec.topology.WarmStartStates warmStart(final TopicSerdes serdes) {
        final long started = System.nanoTime();
        final dev.streamrec.topology.WarmStartStates states = WarmStarts.load(config, serdes);
        if (!states.isEmpty()) {
            out.printf("warm start: loaded %s in %d ms%n", states.keys(), (System.nanoTime() - started) / 1_000_000);
        }
        return states;
    }

    private int report(final Throwable streamsFailure, final Throwable publishFailure, final OutputReader outputs,
                       final long published) {
        if (streamsFailure != null) {
            out.println("streamrec failed: " + streamsFailure);
            return 1;
        }
        if (publishFailure != null) {
            out.println("publishing failed: " + publishFailure);
            return 1;
        }
        out.printf("done: %d events in = %d scored + %d dead-lettered %s%n", published, outputs.scored(),
            outputs.deadLetters(), outputs.deadLettersByReason());
        return outputs.scored() + outputs.deadLetters() == published ? 0 : 1;
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a directory tree (the demo's temporary state directory). */
    static void deleteRecursively(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
