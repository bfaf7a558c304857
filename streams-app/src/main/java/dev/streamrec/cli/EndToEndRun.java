package dev.streamrec.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.streamrec.bench.ChangelogTraffic;
import dev.streamrec.bench.ChangelogTraffic.Partition;
import dev.streamrec.bench.ChangelogTraffic.Position;
import dev.streamrec.bench.ChangelogTraffic.StoreTraffic;
import dev.streamrec.bench.Percentiles;
import dev.streamrec.bench.ProcessMemory;
import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.registry.SchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * One end-to-end measurement against a cluster: publishes the source's profiles, starts streamrec, sends
 * {@code warmUp} events and waits until they are all scored (start-up, rebalance, JIT), then sends the measured
 * events at a fixed rate (or as fast as possible) from a separate thread while a read_committed consumer reads the
 * scored events.
 *
 * <p>Latency of an event = the moment the consumer's {@code poll} returned its scored event (so it was committed by
 * streamrec's exactly-once transaction and visible to a read_committed reader) minus the moment the benchmark
 * handed the event to the producer, both on this JVM's monotonic clock. It includes the producer's batching
 * ({@code linger.ms}), the broker append, Kafka Streams' fetch, processing, the transaction commit
 * ({@code commit.interval.ms}) and the output fetch. Throughput = measured events / (last visible - first sent).
 *
 * <p>Between the end of the warm-up and the end of the measurement it also samples the application's changelog
 * topics ({@link ChangelogProbe}) and the stream threads' commit count, for the per-store changelog traffic per
 * event and the commits per second of the measured span.
 */
final class EndToEndRun {
    private final StreamrecConfig config;
    private final EventSource source;
    private final long warmUp;
    private final long measured;
    private final double rate;
    private final PrintStream out;

    /**
     * @param rate events per second to send the measured events at; 0 or less sends as fast as possible
     */
    EndToEndRun(final StreamrecConfig config, final EventSource source, final long warmUp, final long measured,
                final double rate, final PrintStream out) {
        this.config = config;
        this.source = source;
        this.warmUp = warmUp;
        this.measured = measured;
        this.rate = rate;
        this.out = out;
    }

    /**
     * @param measured      measured events sent
     * @param visible       of them, scored and read back
     * @param deadLetters   dead-lettered records read (warm-up included)
     * @param seconds       first send to last visible
     * @param latency       per-event latency of the visible ones
     * @param peakHeapBytes the most heap in use at any poll
     * @param memory        at the end of the run
     * @param sendSeconds   first send to last send: when it exceeds {@code measured / rate} the sender itself fell
     *                      behind the fixed rate (a loaded machine), and latencies include that delay
     * @param changelogs    per store, then over all stores, what the changelogs grew by from the end of the warm-up
     *                      to the end of the measurement ({@link ChangelogTraffic})
     * @param commitsPerSecond the stream threads' commits ({@code commit-total}) per second over the same span
     */
    record Result(long measured, long visible, long deadLetters, double seconds, Percentiles latency,
                  long peakHeapBytes, ProcessMemory memory, double sendSeconds, List<StoreTraffic> changelogs,
                  double commitsPerSecond) {
        double eventsPerSecond() {
            return visible / seconds;
        }

        /**
         * This result with the changelog growth per store over the measurement and the stream threads' commits per
         * second over the same span.
         */
        Result withChangelogs(final List<StoreTraffic> traffic, final double commits) {
            return new Result(measured, visible, deadLetters, seconds, latency, peakHeapBytes, memory, sendSeconds,
                List.copyOf(traffic), commits);
        }
    }

    Result execute() throws InterruptedException {
        final SchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final TopicSerdes serdes = new TopicSerdes(registry);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), config.getInt(StreamrecConfig.PARTITIONS),
                (short) 1, config.getLong(StreamrecConfig.RETENTION_MS));
        }
        try (Admin admin = Admin.create(config.clientProperties());
             EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes);
             StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry),
                 config.streamsProperties());
             OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(), serdes,
                 config.getInt(StreamrecConfig.AUC_WINDOW))) {
            final List<SpecificRecord> events = collect(source, publisher, warmUp + measured);
            publisher.flush();
            out.printf(Locale.ROOT, "published %,d profiles; %,d events ready; starting streamrec%n",
                publisher.profiles(), events.size());
            runner.start();
            final int warm = (int) Math.min(warmUp, events.size());
            for (int i = 0; i < warm; i++) {
                send(publisher, events.get(i));
            }
            publisher.flush();
            final long warmDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (outputs.scored() + outputs.deadLetters() < warm && System.nanoTime() < warmDeadline
                && runner.failure() == null) {
                outputs.poll(Duration.ofMillis(100), null, null);
            }
            out.printf(Locale.ROOT, "warm-up: %,d events scored; measuring %,d events at %s%n", outputs.scored(),
                events.size() - warm, rate > 0 ? String.format(Locale.ROOT, "%,.0f events/s", rate) : "full speed");
            final ChangelogProbe changelogs = new ChangelogProbe(admin, config.clientProperties(),
                config.streamsProperties().getProperty("application.id"));
            final Map<Partition, Position> before = changelogs.sample();
            final double commitsBefore = commitTotal(runner);
            final long t0 = System.nanoTime();
            final Result result = measure(publisher, runner, outputs, events.subList(warm, events.size()));
            final double commits = (commitTotal(runner) - commitsBefore) / ((System.nanoTime() - t0) / 1e9);
            final Map<Partition, Position> after = changelogs.sample();
            return result.withChangelogs(ChangelogTraffic.between(
                config.streamsProperties().getProperty("application.id"), before, after,
                changelogs.readBack(before, after), result.measured()), commits);
        }
    }

    /** Commits of every stream thread so far (Kafka Streams' thread metric {@code commit-total}). */
    static double commitTotal(final StreamsRunner runner) {
        double total = 0;
        for (final Map.Entry<MetricName, ? extends Metric> metric : runner.streams().metrics().entrySet()) {
            if ("commit-total".equals(metric.getKey().name())
                && "stream-thread-metrics".equals(metric.getKey().group())
                && metric.getValue().metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return total;
    }

    private Result measure(final EventPublisher publisher, final StreamsRunner runner, final OutputReader outputs,
                           final List<SpecificRecord> events) throws InterruptedException {
        final int n = events.size();
        final Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(eventId(events.get(i)), i);
        }
        final long[] sent = new long[n];
        final long[] visible = new long[n];
        final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        final long start = System.nanoTime();
        final Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    if (rate > 0) {
                        final long due = start + (long) (i * 1e9 / rate);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    sent[i] = System.nanoTime();
                    send(publisher, events.get(i));
                }
                publisher.flush();
            } catch (final RuntimeException e) {
                sendFailure.set(e);
            }
        }, "streamrec-bench-producer");
        producer.start();
        final long deadline = start + TimeUnit.SECONDS.toNanos(120)
            + (rate > 0 ? (long) (3e9 * n / rate) : TimeUnit.MINUTES.toNanos(30));
        final long deadBefore = outputs.deadLetters();
        final long[] seen = new long[1];
        long peakHeap = 0;
        while (seen[0] + outputs.deadLetters() - deadBefore < n && System.nanoTime() < deadline
            && runner.failure() == null && sendFailure.get() == null) {
            outputs.poll(Duration.ofMillis(20), event -> {
                final Integer i = index.get(event.getEventId());
                if (i != null && visible[i] == 0) {
                    visible[i] = System.nanoTime();
                    seen[0]++;
                }
            }, null);
            final ProcessMemory m = ProcessMemory.now();
            peakHeap = Math.max(peakHeap, m.heapUsedBytes());
        }
        producer.join(TimeUnit.SECONDS.toMillis(30));
        if (runner.failure() != null || sendFailure.get() != null) {
            throw new IllegalStateException("end-to-end run failed: streams " + runner.failure() + ", producer "
                + sendFailure.get());
        }
        final List<Long> latencies = new ArrayList<>();
        long last = start;
        for (int i = 0; i < n; i++) {
            if (visible[i] != 0) {
                latencies.add(visible[i] - sent[i]);
                last = Math.max(last, visible[i]);
            }
        }
        final long first = n == 0 ? start : Arrays.stream(sent).filter(t -> t != 0).min().orElse(start);
        final long lastSent = Arrays.stream(sent).max().orElse(start);
        return new Result(n, seen[0], outputs.deadLetters(), (last - first) / 1e9,
            Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray()), peakHeap, ProcessMemory.now(),
            (lastSent - first) / 1e9, List.of(), 0);
    }

    /** Publishes the profiles as they come and keeps the first {@code limit} events, in order, for timed sending. */
    static List<SpecificRecord> collect(final EventSource source, final EventPublisher publisher, final long limit) {
        final List<SpecificRecord> events = new ArrayList<>();
        source.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                publisher.user(profile);
            }

            @Override
            public void item(final ItemProfile profile) {
                publisher.item(profile);
            }

            @Override
            public void rating(final RatingEvent event) {
                if (events.size() < limit) {
                    events.add(event);
                }
            }

            @Override
            public void impression(final ImpressionEvent event) {
                if (events.size() < limit) {
                    events.add(event);
                }
            }
        });
        return events;
    }

    static void send(final EventPublisher publisher, final SpecificRecord event) {
        if (event instanceof RatingEvent rating) {
            publisher.rating(rating);
        } else {
            publisher.impression((ImpressionEvent) event);
        }
    }

    static String eventId(final SpecificRecord event) {
        return event instanceof RatingEvent rating ? rating.getEventId() : ((ImpressionEvent) event).getEventId();
    }
}
