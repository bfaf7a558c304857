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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * A Confluent-compatible Schema Registry REST server on 127.0.0.1, backed by an {@link InMemorySchemaRegistry}
 * (which holds all the semantics; this class only maps HTTP to it). For tests and the local demo.
 *
 * <p>Endpoints: {@code POST /subjects/{s}/versions} (register), {@code POST /subjects/{s}} (lookup),
 * {@code GET /schemas/ids/{id}}, {@code GET /subjects}, {@code GET /subjects/{s}/versions},
 * {@code GET /subjects/{s}/versions/{v|latest}}, {@code POST /compatibility/subjects/{s}/versions/{v|latest}},
 * {@code GET|PUT /config} and {@code GET|PUT /config/{s}}. Errors are answered as Confluent does:
 * {@code {"error_code": N, "message": "..."}} with the matching HTTP status. Query parameters are ignored. Only
 * {@code AVRO} schemas without references are accepted. Thread-safe; {@link #close()} stops the server.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** The registry's media type, sent on every answer. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();

    private EmbeddedSchemaRegistry(final InMemorySchemaRegistry registry, final int port) throws IOException {
        this.registry = Objects.requireNonNull(registry, "registry");
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
            Object body;
            try {
                final JsonNode request = readBody(exchange.getRequestBody());
                body = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()), request);
            } catch (final SchemaRegistryException e) {
                status = e.status();
                body = error(e.errorCode(), e.detail());
            } catch (final JsonProcessingException e) {
                status = 400;
                body = error(400, "Unreadable JSON body: " + e.getOriginalMessage());
            } catch (final RuntimeException e) {
                status = 500;
                body = error(SchemaRegistryException.SERVER_ERROR, "Error in the backend: " + e);
            }
            final byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object route(final String method, final List<String> path, final JsonNode request) {
        final int n = path.size();
        final String head = n == 0 ? "" : path.get(0);
        if (head.equals("subjects")) {
            if (n == 1 && method.equals("GET")) {
                return registry.subjects();
            }
            final String subject = n >= 2 ? path.get(1) : "";
            if (n == 2 && method.equals("POST")) {
                return versionJson(registry.lookupVersion(subject, schemaOf(request)));
            }
            if (n == 3 && path.get(2).equals("versions") && method.equals("POST")) {
                return Map.of("id", registry.register(subject, schemaOf(request)));
            }
            if (n == 3 && path.get(2).equals("versions") && method.equals("GET")) {
                return registry.versions(subject);
            }
            if (n == 4 && path.get(2).equals("versions") && method.equals("GET")) {
                return versionJson(version(subject, path.get(3)));
            }
        } else if (head.equals("schemas") && n == 3 && path.get(1).equals("ids") && method.equals("GET")) {
            return Map.of("schema", registry.schemaById(parseInt(path.get(2), SchemaRegistryException.SCHEMA_NOT_FOUND))
                    .toString());
        } else if (head.equals("compatibility") && n == 5 && path.get(1).equals("subjects")
                && path.get(3).equals("versions") && method.equals("POST")) {
            return Map.of("is_compatible", compatible(path.get(2), path.get(4), schemaOf(request)));
        } else if (head.equals("config") && n <= 2) {
            return config(method, n == 2 ? path.get(1) : null, request);
        }
        throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path),
                null, null);
    }

    private boolean compatible(final String subject, final String version, final Schema schema) {
        if (version.equals("latest")) {
            return registry.checkCompatibility(subject, schema);
        }
        final SchemaVersion against = version(subject, version);
        return registry.compatibility(subject).incompatibility(List.of(against.schema()), schema).isEmpty();
    }

    private Object config(final String method, final String subject, final JsonNode request) {
        if (method.equals("PUT")) {
            final CompatibilityLevel level = CompatibilityLevel.parse(request.path("compatibility").asText(null));
            if (subject == null) {
                registry.setGlobalCompatibility(level);
            } else {
                registry.setCompatibility(subject, level);
            }
            return Map.of("compatibility", level.name());
        }
        if (!method.equals("GET")) {
            throw new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed", null, null);
        }
        final CompatibilityLevel level = subject == null ? registry.globalCompatibility()
                : registry.subjectCompatibility(subject).orElseThrow(() -> SchemaRegistryException.of(
                        SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                        "Subject '" + subject + "' does not have subject-level compatibility configured"));
        return Map.of("compatibilityLevel", level.name());
    }

    private SchemaVersion version(final String subject, final String version) {
        return version.equals("latest") ? registry.latest(subject)
                : registry.version(subject, parseInt(version, SchemaRegistryException.VERSION_NOT_FOUND));
    }

    private static Schema schemaOf(final JsonNode request) {
        final String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO") && !request.path("schemaType").isNull()) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Unsupported schema type " + type);
        }
        if (request.path("references").size() > 0) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Schema references unsupported");
        }
        final JsonNode text = request.path("schema");
        if (!text.isTextual()) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Missing field 'schema'");
        }
        return InMemorySchemaRegistry.parse(text.asText());
    }

    private static ObjectNode versionJson(final SchemaVersion version) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("subject", version.subject());
        node.put("version", version.version());
        node.put("id", version.id());
        node.put("schema", version.schema().toString());
        return node;
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

    private static int parseInt(final String text, final int errorCode) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw SchemaRegistryException.of(errorCode, "Not found: " + text);
        }
    }

    private static List<String> segments(final String rawPath) {
        final List<String> segments = new ArrayList<>();
        for (final String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
