package dev.streamrec.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Confluent-compatible Schema Registry REST server on 127.0.0.1, backed by an {@link InMemorySchemaRegistry}
 * (which holds all the semantics; this class only maps HTTP to it). For tests and the local demo.
 *
 * <p>Endpoints: those of {@link RegistryRoutes}, listed with their status and error codes in
 * {@code docs/schema-registry.md}: subjects and versions (register, lookup, list, soft and hard delete), schemas by
 * id, compatibility checks ({@code ?verbose=true}), {@code /config} and {@code /mode}, schema references. Errors
 * are answered as Confluent does: {@code {"error_code": N, "message": "..."}} with the matching HTTP status. Only
 * {@code AVRO} schemas are accepted. Thread-safe; {@link #close()} stops the server.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** The registry's media type, sent on every answer. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry;
    private final RegistryRoutes routes;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();

    private EmbeddedSchemaRegistry(final InMemorySchemaRegistry registry, final int port) throws IOException {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.routes = new RegistryRoutes(registry);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            final Thread thread = new Thread(runnable, "embedded-schema-registry");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server with a fresh registry on an ephemeral port. */
    public static EmbeddedSchemaRegistry start() {
        return start(new InMemorySchemaRegistry(), 0);
    }

    /**
     * Starts a server on 127.0.0.1 that serves {@code registry}.
     *
     * @param port the port, 0 for an ephemeral one (see {@link #url()})
     */
    public static EmbeddedSchemaRegistry start(final InMemorySchemaRegistry registry, final int port) {
        try {
            return new EmbeddedSchemaRegistry(registry, port);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start the embedded schema registry on port " + port, e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry behind the server (to inspect or seed it directly). */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** Number of HTTP requests received so far (tests use it to prove client-side caching). */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(final HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int status = 200;
            byte[] bytes;
            try {
                final JsonNode request = readBody(exchange.getRequestBody());
                final Object body = routes.dispatch(exchange.getRequestMethod(),
                        segments(exchange.getRequestURI().getRawPath()), query(exchange.getRequestURI().getRawQuery()),
                        request);
                bytes = body instanceof RegistryRoutes.RawSchema raw ? raw.text().getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(body);
            } catch (final SchemaRegistryException e) {
                status = e.status();
                bytes = JSON.writeValueAsBytes(error(e.errorCode(), e.detail()));
            } catch (final JsonProcessingException e) {
                status = 400;
                bytes = JSON.writeValueAsBytes(error(400, "Unreadable JSON body: " + e.getOriginalMessage()));
            } catch (final RuntimeException e) {
                status = 500;
                bytes = JSON.writeValueAsBytes(error(SchemaRegistryException.SERVER_ERROR,
                        "Error in the backend: " + e));
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static ObjectNode error(final int errorCode, final String message) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("error_code", errorCode);
        node.put("message", message);
        return node;
    }

    private static JsonNode readBody(final InputStream in) throws IOException {
        final byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static Map<String, String> query(final String rawQuery) {
        final Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (final String pair : rawQuery.split("&")) {
                final int eq = pair.indexOf('=');
                final String name = eq < 0 ? pair : pair.substring(0, eq);
                query.put(decode(name), eq < 0 ? "true" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static List<String> segments(final String rawPath) {
        final List<String> segments = new ArrayList<>();
        for (final String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    private static String decode(final String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
