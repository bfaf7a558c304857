package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.bench.Percentiles;
import dev.streamrec.endpoint.OpsEndpoint;
import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.query.LiveQueries;
import dev.streamrec.query.QueryHandlers;
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
import org.apache.kafka.streams.state.HostInfo;

/**
 * Live-query latency while the application learns: publishes the source's profiles, starts streamrec with its
 * live-query endpoint, sends {@code warmUp} events, then measures the capacity (events/s scored end to end, as
 * fast as the producer sends) over {@code capacityEvents}, then sends the next events at {@code load} x capacity
 * while one client asks {@code GET /v1/users/{u}/recommendations?k=10&model=m} over HTTP, the models in turn,
 * for random users (seeded). Latency = the HTTP round trip on this JVM's monotonic clock (routing, reading the
 * stores, featurizing every candidate, scoring under the task lock, JSON); the first {@link #WARM_QUERIES} per model
 * are not counted (JIT).
 */
final class QueryBenchRun {
    static final int WARM_QUERIES = 20;
    private static final int K = 10;

    private final StreamrecConfig config;
    private final EventSource source;
    private final long warmUp;
    private final long capacityEvents;
    private final int queries;
    private final double load;
    private final long seed;
    private final QueryClient.Kind client;
    private final PrintStream out;

    /** One model's query latencies, the mean number of candidates scored, and its last answer (for the docs). */
    record ModelLatency(String model, Percentiles latency, double meanCandidates, String lastAnswer) { }

    /**
     * @param capacity  events/s scored while sent at full speed
     * @param sentRate  events/s sent while querying (target: load x capacity)
     * @param processed events/s scored while querying
     */
    record Result(double capacity, double sentRate, double processed, List<ModelLatency> models) { }

    QueryBenchRun(final StreamrecConfig config, final EventSource source, final long warmUp,
                  final long capacityEvents, final int queries, final double load, final long seed,
                  final QueryClient.Kind client, final PrintStream out) {
        this.config = config;
        this.source = source;
        this.warmUp = warmUp;
        this.capacityEvents = capacityEvents;
        this.queries = queries;
        this.load = load;
        this.seed = seed;
        this.client = client;
        this.out = out;
    }

    Result execute() throws Exception {
        final SchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final TopicSerdes serdes = new TopicSerdes(registry);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), config.getInt(StreamrecConfig.PARTITIONS),
                (short) 1, config.getLong(StreamrecConfig.RETENTION_MS));
        }
        final int port = freePort();
        final Properties streamsProperties = config.streamsProperties();
        streamsProperties.put("application.server", "127.0.0.1:" + port);
        final HostInfo self = LiveQueries.applicationServer(streamsProperties, port);
        final List<String> users = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes);
             StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry), streamsProperties);
             OpsEndpoint endpoint = OpsEndpoint.start(port, runner.streams(), OpsEndpoint.DEFAULT_REFRESH);
             OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(), serdes,
                 config.getInt(StreamrecConfig.AUC_WINDOW))) {
            endpoint.serve(QueryHandlers.PREFIX, LiveQueries.handlers(runner.streams(), runner.liveModels(), config,
                serdes.itemProfile().deserializer(), self));
            final List<SpecificRecord> events = collect(publisher, users);
            publisher.flush();
            runner.start();
            final int warm = (int) Math.min(warmUp, events.size());
            sendAndWait(publisher, outputs, runner, events.subList(0, warm));
            final int capacityEnd = (int) Math.min(warm + capacityEvents, events.size());
            final long capacityStart = System.nanoTime();
            sendAndWait(publisher, outputs, runner, events.subList(warm, capacityEnd));
            final double capacity = (capacityEnd - warm) / ((System.nanoTime() - capacityStart) / 1e9);
            out.printf(Locale.ROOT, "capacity: %,d events scored at %,.0f events/s; now sending at %.0f%% of it "
                + "while querying%n", capacityEnd - warm, capacity, load * 100);
            return underLoad(publisher, outputs, runner, events.subList(capacityEnd, events.size()), capacity, users,
                self);
        }
    }

    private Result underLoad(final EventPublisher publisher, final OutputReader outputs, final StreamsRunner runner,
                             final List<SpecificRecord> events, final double capacity, final List<String> users,
                             final HostInfo self) throws Exception {
        final double rate = capacity * load;
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final long start = System.nanoTime();
        final Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < events.size() && !done.get(); i++) {
                    final long due = start + (long) (i * 1e9 / rate);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(publisher, events.get(i));
                    sent.incrementAndGet();
                }
                publisher.flush();
            } catch (final RuntimeException e) {
                failure.set(e);
            }
        }, "streamrec-bench-producer");
        final long scoredBefore = outputs.scored();
        final Thread reader = new Thread(() -> {
            while (!done.get()) {
                outputs.poll(Duration.ofMillis(50), null, null);
            }
        }, "streamrec-bench-reader");
        producer.start();
        reader.start();
        final List<String> models = config.models();
        final long[][] latencies = new long[models.size()][queries];
        final long[] candidates = new long[models.size()];
        final String[] lastAnswers = new String[models.size()];
        final QueryClient http = new QueryClient(client);
        final ObjectMapper json = new ObjectMapper();
        final SplittableRandom random = new SplittableRandom(seed);
        try {
            for (int q = 0; q < (queries + WARM_QUERIES) * models.size(); q++) {
                final int m = q % models.size();
                final String user = users.get(random.nextInt(users.size()));
                final URI uri = URI.create("http://" + self.host() + ":" + self.port() + "/v1/users/"
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "/recommendations?k=" + K + "&model="
                    + models.get(m));
                final long t0 = System.nanoTime();
                final QueryClient.Answer response = http.get(uri);
                final long took = System.nanoTime() - t0;
                final JsonNode body = json.readTree(response.body());
                if (response.status() != 200 || body.get("items").size() != K) {
                    throw new IllegalStateException("query " + uri + " answered " + response.status() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
                }
                final int measured = q / models.size() - WARM_QUERIES;
                if (measured >= 0) {
                    latencies[m][measured] = took;
                    candidates[m] += body.get("candidates").asLong() - body.get("excluded").asLong();
                    lastAnswers[m] = new String(response.body(), StandardCharsets.UTF_8);
                }
                if (runner.failure() != null || failure.get() != null) {
                    throw new IllegalStateException("streams " + runner.failure() + ", producer " + failure.get());
                }
            }
        } finally {
            done.set(true);
            producer.join(TimeUnit.SECONDS.toMillis(30));
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final List<ModelLatency> result = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            result.add(new ModelLatency(models.get(m), Percentiles.of(latencies[m]),
                (double) candidates[m] / queries, lastAnswers[m]));
        }
        return new Result(capacity, sent.get() / seconds, (outputs.scored() - scoredBefore) / seconds, result);
    }

    private static void sendAndWait(final EventPublisher publisher, final OutputReader outputs,
                                    final StreamsRunner runner, final List<SpecificRecord> events) {
        final long target = outputs.scored() + outputs.deadLetters() + events.size();
        events.forEach(e -> send(publisher, e));
        publisher.flush();
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (outputs.scored() + outputs.deadLetters() < target && System.nanoTime() < deadline
            && runner.failure() == null) {
            outputs.poll(Duration.ofMillis(50), null, null);
        }
        if (outputs.scored() + outputs.deadLetters() < target) {
            throw new IllegalStateException("only " + outputs.scored() + " events scored of " + target + "; streams "
                + runner.failure());
        }
    }

    /** Publishes the profiles as they come; keeps the events, in order, and the user ids. */
    private List<SpecificRecord> collect(final EventPublisher publisher, final List<String> users) {
        final List<SpecificRecord> events = new ArrayList<>();
        source.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                publisher.user(profile);
                users.add(profile.getUserId());
            }

            @Override
            public void item(final ItemProfile profile) {
                publisher.item(profile);
            }

            @Override
            public void rating(final RatingEvent event) {
                events.add(event);
            }

            @Override
            public void impression(final ImpressionEvent event) {
                events.add(event);
            }
        });
        return events;
    }

    private static void send(final EventPublisher publisher, final SpecificRecord event) {
        if (event instanceof RatingEvent rating) {
            publisher.rating(rating);
        } else {
            publisher.impression((ImpressionEvent) event);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
