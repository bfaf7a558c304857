package dev.streamrec.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} speaking Confluent's REST protocol over {@link HttpClient}; works against a real
 * Confluent Schema Registry and against {@link EmbeddedSchemaRegistry}.
 *
 * <p>Caching: ids by (subject, schema) and schemas by id are cached forever (both directions are filled by
 * every answer), so after the first call for a schema the serde hot path makes no request. A schema that uses
 * schema references (as Confluent's clients register by default) is resolved when read: each referenced subject
 * version is fetched once ({@code GET /subjects/{s}/versions/{v}}, its own references in turn), cached forever
 * (a subject version never changes), and parsed ahead of the schema. {@link #latest} and
 * {@link #checkCompatibility} always ask the server. Failures: I/O errors and 5xx answers are retried up to
 * {@link RegistryClientConfig#maxRetries()} times with doubling backoff, moving to the next base URL each time
 * (failover; the URL that last answered is preferred afterwards); 4xx answers fail at once. Every failure is a
 * {@link SchemaRegistryException} with the status, Confluent's {@code error_code} and message, and the URL.
 * Credentials are sent as HTTP basic auth and never logged. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    /** Confluent's media type, used for Accept and Content-Type. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BACKOFF_FACTOR = 32;

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final ConcurrentMap<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<SchemaReference, SchemaText> referenced = new ConcurrentHashMap<>();

    /** A client with its own {@link HttpClient} (HTTP/1.1, default SSLContext, the configured connect timeout). */
    public HttpSchemaRegistryClient(final RegistryClientConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A client over a caller-supplied {@link HttpClient} (e.g. with a custom {@code SSLContext}). */
    public HttpSchemaRegistryClient(final RegistryClientConfig config, final HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.authorization = config.userInfo() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** A client from Kafka-style configs (see {@link RegistryClientConfig#fromMap}). */
    public static HttpSchemaRegistryClient fromConfigs(final Map<String, ?> configs) {
        return new HttpSchemaRegistryClient(RegistryClientConfig.fromMap(configs));
    }

    /** The settings (their {@code toString()} hides the password). */
    public RegistryClientConfig config() {
        return config;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        final JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return remember(subject, schema, answer.path("id").asInt());
    }

    @Override
    public int lookup(final String subject, final Schema schema) {
        final Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        final JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        return remember(subject, schema, answer.path("id").asInt());
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema parsed = parse(send("GET", "/schemas/ids/" + id, null));
        final Schema raced = schemaById.putIfAbsent(id, parsed);
        return raced == null ? parsed : raced;
    }

    @Override
    public SchemaVersion latest(final String subject) {
        final JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        final int id = answer.path("id").asInt();
        final Schema cached = schemaById.get(id);
        final Schema schema = cached != null ? cached : parse(answer);
        schemaById.putIfAbsent(id, schema);
        return new SchemaVersion(answer.path("subject").asText(subject), id, answer.path("version").asInt(), schema);
    }

    @Override
    public boolean checkCompatibility(final String subject, final Schema schema) {
        try {
            return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                    .path("is_compatible").asBoolean(false);
        } catch (final SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()));
    }

    /** Sets the registry-wide default compatibility level ({@code PUT /config}). */
    public void setGlobalCompatibility(final CompatibilityLevel level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient" + config;
    }

    private Integer cachedId(final String subject, final Schema schema) {
        final Map<Schema, Integer> ids = idBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private int remember(final String subject, final Schema schema, final int id) {
        if (id <= 0) {
            throw new SchemaRegistryException(200, SchemaRegistryException.SERVER_ERROR,
                    "Registry answered without a valid id for subject " + subject, null, null);
        }
        idBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    /** The schema of an answer, its references fetched (and cached) as needed. */
    private Schema parse(final JsonNode answer) {
        return ReferencedSchemaParser.parse(RegistryJson.schemaText(answer), this::referencedText).schema();
    }

    private SchemaText referencedText(final SchemaReference reference) {
        final SchemaReference key = new SchemaReference("", reference.subject(), reference.version());
        final SchemaText cached = referenced.get(key);
        if (cached != null) {
            return cached;
        }
        final SchemaText fetched = RegistryJson.schemaText(send("GET", "/subjects/" + encode(reference.subject())
                + "/versions/" + reference.version(), null));
        referenced.putIfAbsent(key, fetched);
        return fetched;
    }

    private static ObjectNode schemaBody(final Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one logical request with retries and failover; returns the parsed 2xx answer. */
    private JsonNode send(final String method, final String path, final JsonNode body) {
        final List<URI> urls = config.urls();
        final byte[] payload = body == null ? null : toBytes(body);
        final int start = preferredUrl.get();
        SchemaRegistryException last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                backoff(attempt, last);
            }
            final int index = Math.floorMod(start + attempt, urls.size());
            final String url = urls.get(index).toString().replaceAll("/+$", "") + path;
            try {
                final HttpResponse<byte[]> response = http.send(request(method, url, payload),
                        HttpResponse.BodyHandlers.ofByteArray());
                final int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    preferredUrl.set(index);
                    return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
                last = error(status, response.body(), method, url);
                if (status < 500 && status != 429) {
                    throw last;
                }
            } catch (final IOException e) {
                last = new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE,
                        SchemaRegistryException.NO_RESPONSE, "No answer from schema registry to " + method + ": " + e,
                        url, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE,
                        SchemaRegistryException.NO_RESPONSE, "Interrupted during " + method, url, e);
            }
            LOG.warn("Schema registry request failed (attempt {} of {}): {}", attempt + 1, config.maxRetries() + 1,
                    last.getMessage());
        }
        throw last;
    }

    private HttpRequest request(final String method, final String url, final byte[] payload) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private void backoff(final int attempt, final SchemaRegistryException last) {
        final long factor = Math.min(1L << Math.min(attempt - 1, 30), MAX_BACKOFF_FACTOR);
        final long millis = config.retryBackoff().toMillis() * factor;
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE,
                    SchemaRegistryException.NO_RESPONSE, "Interrupted while retrying", last.url(), e);
        }
    }

    private static SchemaRegistryException error(final int status, final byte[] body, final String method,
                                                  final String url) {
        int code = status;
        String message = new String(body, StandardCharsets.UTF_8);
        try {
            final JsonNode node = JSON.readTree(body);
            if (node != null && node.has("error_code")) {
                code = node.path("error_code").asInt(status);
                message = node.path("message").asText("");
            }
        } catch (final IOException e) {
            message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        }
        return new SchemaRegistryException(status, code, "Schema registry error on " + method + ": " + message, url,
                null);
    }

    private static byte[] toBytes(final JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot serialize request body", e);
        }
    }
}
