package dev.streamrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.streamrec.events.EventSource;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;

/**
 * Restore time after a crash: the whole stream is processed by {@code streamrec run} in a child JVM
 * ({@link ChildStreamrec}); once every event is scored the child is SIGKILLed and started again, first with its
 * local state directory deleted (every store restores from its changelog: the worst case), then once more with the
 * directory kept. After each restart a few new events are sent at once; the run reports, per task, the restores the
 * child logged ({@link RestoreLines}) and the time from the restart until the first and the last new event is
 * scored (read_committed), which includes the JVM start, the rejoin of the consumer group (a SIGKILLed member stays
 * in it until its {@code session.timeout.ms}) and the restore.
 */
final class RestoreRun {
    private static final Duration POLL = Duration.ofMillis(20);

    private final Map<String, String> properties;
    private final EventSource source;
    private final long events;
    private final int probes;
    private final Path logDir;
    private final PrintStream out;

    /**
     * One restart.
     *
     * @param stateDir              "deleted" or "kept"
     * @param killExit              the child's exit status after the kill (137 = SIGKILL)
     * @param tasks                 per partition, what the restarted child logged
     * @param secondsToRunning      restart to the child's Kafka Streams client logging RUNNING (NaN if it did not)
     * @param secondsToFirstScored  restart to the first new event scored
     * @param secondsToAllScored    restart to every new event scored
     */
    record Restart(String stateDir, int killExit, Map<Integer, RestoreLines.TaskRestore> tasks,
                   double secondsToRunning, double secondsToFirstScored, double secondsToAllScored) {
    }

    /**
     * @param events         events processed before the first kill
     * @param secondsToScore first child start to the last of them scored
     * @param restarts       the restart with the state directory deleted, then the one with it kept
     */
    record Result(long events, double secondsToScore, List<Restart> restarts) {
    }

    /**
     * @param properties every property of the child ({@code bootstrap.servers}, registry, {@code application.id},
     *                   {@code state.dir}, models, overrides)
     * @param events     events of the stream to process before the kill
     * @param probes     new events sent after each restart
     * @param logDir     where the children's logs go
     */
    RestoreRun(final Map<String, String> properties, final EventSource source, final long events, final int probes,
               final Path logDir, final PrintStream out) {
        this.properties = Map.copyOf(properties);
        this.source = source;
        this.events = events;
        this.probes = probes;
        this.logDir = logDir;
        this.out = out;
    }

    Result execute() throws InterruptedException {
        final StreamrecConfig config = new StreamrecConfig(properties);
        final TopicSerdes serdes = new TopicSerdes(HttpSchemaRegistryClient.fromConfigs(config.originalsStrings()));
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), config.getInt(StreamrecConfig.PARTITIONS),
                (short) 1, config.getLong(StreamrecConfig.RETENTION_MS));
        }
        try (EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes);
             OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(), serdes,
                 config.getInt(StreamrecConfig.AUC_WINDOW))) {
            final List<SpecificRecord> all = EndToEndRun.collect(source, publisher, events + 2L * probes);
            final int n = (int) Math.min(events, all.size() - 2L * probes);
            if (n <= 0) {
                throw new IllegalArgumentException("the stream has " + all.size() + " events; the restore run needs "
                    + "more than the " + 2 * probes + " new events it sends after the restarts");
            }
            all.subList(0, n).forEach(event -> EndToEndRun.send(publisher, event));
            publisher.flush();
            out.printf(Locale.ROOT, "restore: %,d events published; streamrec run starts in a child JVM%n", n);
            final long start = System.nanoTime();
            ChildStreamrec child = ChildStreamrec.start(properties, logDir.resolve("streamrec-0.log"));
            try {
                awaitCount(outputs, child, n, TimeUnit.MINUTES.toNanos(60));
                final double fill = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "restore: %,d events scored by the child in %.1f s; SIGKILL%n", n, fill);
                final List<Restart> restarts = new ArrayList<>();
                for (final boolean wipe : List.of(true, false)) {
                    final int exit = child.kill();
                    if (wipe) {
                        DemoRun.deleteRecursively(Path.of(config.streamsProperties().getProperty("state.dir")));
                    }
                    final int from = n + restarts.size() * probes;
                    child = ChildStreamrec.start(properties, logDir.resolve("streamrec-" + (restarts.size() + 1)
                        + ".log"));
                    final Restart restart = restart(wipe ? "deleted" : "kept", exit, child, publisher, outputs,
                        all.subList(from, from + probes));
                    out.printf(Locale.ROOT, "restore: state dir %s: first new event scored %.1f s after the "
                        + "restart, all %d after %.1f s%n", restart.stateDir(), restart.secondsToFirstScored(),
                        probes, restart.secondsToAllScored());
                    restarts.add(restart);
                }
                return new Result(n, fill, restarts);
            } finally {
                child.close();
            }
        }
    }

    /** Sends {@code news} right after the (re)start and waits for all of them to be scored. */
    private Restart restart(final String stateDir, final int killExit, final ChildStreamrec child,
                            final EventPublisher publisher, final OutputReader outputs,
                            final List<SpecificRecord> news) throws InterruptedException {
        final long start = System.nanoTime();
        final LocalTime startTime = LocalTime.now(); // the child's log lines carry the time of day only
        final Set<String> pending = new HashSet<>();
        for (final SpecificRecord event : news) {
            pending.add(EndToEndRun.eventId(event));
            EndToEndRun.send(publisher, event);
        }
        publisher.flush();
        final long[] first = {0};
        final long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (!pending.isEmpty()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the restarted child " + (child.isAlive() ? "did not score "
                    + pending.size() + " new events within 10 min" : "exited") + "; its log: " + tail(child));
            }
            outputs.poll(POLL, event -> {
                if (pending.remove(event.getEventId()) && first[0] == 0) {
                    first[0] = System.nanoTime();
                }
            }, null);
        }
        final double all = (System.nanoTime() - start) / 1e9;
        final List<String> lines = child.logLines();
        final double running = RestoreLines.running(lines).map(t -> {
            final long millis = Duration.between(startTime, t).toMillis();
            return (millis < 0 ? millis + TimeUnit.DAYS.toMillis(1) : millis) / 1e3;
        }).orElse(Double.NaN);
        return new Restart(stateDir, killExit, RestoreLines.parse(lines), running, (first[0] - start) / 1e9, all);
    }

    private static void awaitCount(final OutputReader outputs, final ChildStreamrec child, final long n,
                                   final long timeoutNanos) {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (outputs.scored() + outputs.deadLetters() < n) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the child " + (child.isAlive() ? "scored only "
                    + outputs.scored() + " of " + n + " events in time" : "exited") + "; its log: " + tail(child));
            }
            outputs.poll(POLL, null, null);
        }
    }

    private static String tail(final ChildStreamrec child) {
        final List<String> lines = child.logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
