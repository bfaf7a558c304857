package dev.streamrec.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP operations endpoint of one instance (see the package comment). Start it before the Kafka Streams client
 * starts, so that liveness and readiness answer during start-up.
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format. Kafka Streams metrics appear as {@code kafka_<group>_<name>}
 *   (e.g. {@code kafka_streamrec_models_auc}, {@code kafka_streamrec_dead_letters_dead_letter_total},
 *   {@code kafka_stream_topic_records_consumed_total}); new ones (a task assigned later) are picked up every
 *   {@code refresh}. Plus {@code streamrec_streams_state{state}} (1 for the current state), JVM and process
 *   metrics.</li>
 *   <li>{@code GET /health/live}, {@code GET /health/ready}: 200 or 503, the body names the state
 *   ({@link StreamsHealth}).</li>
 * </ul>
 */
public final class OpsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsEndpoint.class);
    /** How often new Kafka metrics (of tasks assigned later) are bound in production. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);
    /** HTTP handler threads (live queries, #17). */
    private static final int HANDLER_THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final KafkaStreamsMetrics kafkaMetrics;
    private final JvmGcMetrics gcMetrics;
    private final ExecutorService handlers;

    private OpsEndpoint(final HttpServer server, final PrometheusMeterRegistry registry,
                        final ScheduledExecutorService scheduler, final KafkaStreamsMetrics kafkaMetrics,
                        final JvmGcMetrics gcMetrics, final ExecutorService handlers) {
        this.handlers = handlers;
        this.server = server;
        this.registry = registry;
        this.scheduler = scheduler;
        this.kafkaMetrics = kafkaMetrics;
        this.gcMetrics = gcMetrics;
    }

    /**
     * Binds the metrics of {@code streams} and serves them on {@code port} (0: any free port) on every interface.
     *
     * @param refresh how often Kafka metrics registered after start (per-task ones) are bound
     */
    /**
     * Has the JDK's HTTP server set {@code TCP_NODELAY} on its connections ({@code sun.net.httpserver.nodelay},
     * unless set otherwise). Without it, a response (headers, then body: two writes) waits for the client's
     * delayed ACK of the headers under Nagle's algorithm, about 40 ms on Linux: measured as 40-45 ms on every live
     * query. The JDK reads the property once, when the first server of the process starts, so {@code main} calls
     * this first; {@link #start} calls it too.
     */
    public static void sendWithoutDelay() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    public static OpsEndpoint start(final int port, final KafkaStreams streams, final Duration refresh) {
        sendWithoutDelay();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        final JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        for (final State state : State.values()) {
            Gauge.builder("streamrec.streams.state", streams, s -> s.state() == state ? 1.0 : 0.0)
                .tags(Tags.of("state", state.name()))
                .description("1 for the Kafka Streams client's current state, 0 for the others")
                .register(registry);
        }
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "streamrec-metrics-binder");
            thread.setDaemon(true);
            return thread;
        });
        final KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh);
        kafkaMetrics.bindTo(registry);
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (final IOException e) {
            kafkaMetrics.close();
            scheduler.shutdownNow();
            throw new IllegalStateException("cannot serve the operations endpoint on port " + port + ": "
                + e.getMessage(), e);
        }
        // Live queries can take milliseconds: a few threads, so that they never hold up health checks.
        final ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            final Thread thread = new Thread(runnable, "streamrec-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/metrics", exchange -> respond(exchange, 200,
            "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health/live", exchange -> health(exchange, streams.state(), StreamsHealth::live));
        server.createContext("/health/ready", exchange -> health(exchange, streams.state(), StreamsHealth::ready));
        server.start();
        LOG.info("operations endpoint on port {}: /metrics, /health/live, /health/ready",
            server.getAddress().getPort());
        return new OpsEndpoint(server, registry, scheduler, kafkaMetrics, gcMetrics, handlers);
    }

    /** Serves {@code handler} under {@code path} too (the live queries, #17). */
    public void serve(final String path, final HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The meter registry, to add more meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private static void health(final HttpExchange exchange, final State state, final Predicate<State> check)
        throws IOException {
        final boolean ok = check.test(state);
        respond(exchange, ok ? 200 : 503, "application/json",
            "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"state\":\"" + state.name() + "\"}");
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType,
                                final String body) throws IOException {
        try (exchange) {
            if (!List.of("GET", "HEAD").contains(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            final boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        kafkaMetrics.close();
        gcMetrics.close();
        scheduler.shutdownNow();
        registry.close();
    }
}
