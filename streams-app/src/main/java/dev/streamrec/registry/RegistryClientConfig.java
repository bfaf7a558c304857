package dev.streamrec.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validated, immutable settings of an {@link HttpSchemaRegistryClient}.
 *
 * <p>{@link #fromMap} reads Confluent's client keys: {@value #URL} (comma-separated base URLs, tried in order with
 * failover), {@value #USER_INFO} (or {@value #REGISTRY_USER_INFO}) as {@code user:password}, and credentials
 * embedded in a URL ({@code https://user:password@host}), which are moved out of the URL. streamrec adds
 * {@value #CONNECT_TIMEOUT_MS}, {@value #REQUEST_TIMEOUT_MS}, {@value #MAX_RETRIES} and {@value #RETRY_BACKOFF_MS}.
 * TLS uses the JVM's default {@code SSLContext}, i.e. the standard {@code javax.net.ssl.*} system properties.
 * {@link #toString()} never shows the password.
 *
 * @param urls           base URLs without credentials, at least one
 * @param userInfo       {@code user:password} for HTTP basic auth, or {@code null} for none
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout of one request, from sending to the complete answer
 * @param maxRetries     retries after the first attempt on I/O errors and 5xx answers (never on 4xx)
 * @param retryBackoff   the first backoff; it doubles per retry up to {@code 32 x} this
 */
public record RegistryClientConfig(List<URI> urls, String userInfo, Duration connectTimeout, Duration requestTimeout,
                                   int maxRetries, Duration retryBackoff) {
    public static final String URL = "schema.registry.url";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        for (final URI url : urls) {
            if (url.getUserInfo() != null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("schema registry URL must be http(s) without credentials: "
                        + redact(url));
            }
        }
        if (userInfo != null && userInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException("basic auth user info must be 'user:password'");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
    }

    /** Defaults (5 s connect, 10 s request, 3 retries from 100 ms) for the given comma-separated URLs. */
    public static RegistryClientConfig of(final String urls) {
        return fromMap(Map.of(URL, urls));
    }

    /** Reads the keys listed in the class comment; unknown keys are ignored (they belong to other clients). */
    public static RegistryClientConfig fromMap(final Map<String, ?> configs) {
        final Object rawUrls = configs.get(URL);
        if (rawUrls == null || rawUrls.toString().isBlank()) {
            throw new IllegalArgumentException("missing required config " + URL);
        }
        String userInfo = string(configs, USER_INFO, string(configs, REGISTRY_USER_INFO, null));
        final List<URI> urls = new ArrayList<>();
        for (final String part : rawUrls.toString().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            final URI url = URI.create(part.trim());
            if (url.getUserInfo() != null) {
                userInfo = userInfo == null ? url.getUserInfo() : userInfo;
                urls.add(withoutUserInfo(url));
            } else {
                urls.add(url);
            }
        }
        return new RegistryClientConfig(urls, userInfo,
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, 5_000)),
                Duration.ofMillis(longValue(configs, REQUEST_TIMEOUT_MS, 10_000)),
                (int) longValue(configs, MAX_RETRIES, 3),
                Duration.ofMillis(longValue(configs, RETRY_BACKOFF_MS, 100)));
    }

    /** A copy with other basic auth credentials ({@code user:password}, or {@code null}). */
    public RegistryClientConfig withUserInfo(final String newUserInfo) {
        return new RegistryClientConfig(urls, newUserInfo, connectTimeout, requestTimeout, maxRetries, retryBackoff);
    }

    /** A copy with other retry settings. */
    public RegistryClientConfig withRetries(final int newMaxRetries, final Duration newBackoff) {
        return new RegistryClientConfig(urls, userInfo, connectTimeout, requestTimeout, newMaxRetries, newBackoff);
    }

    @Override
    public String toString() {
        final String user = userInfo == null ? "none" : userInfo.substring(0, userInfo.indexOf(':')) + ":[hidden]";
        return "RegistryClientConfig[urls=" + urls + ", basicAuth=" + user + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", retryBackoff="
                + retryBackoff + "]";
    }

    private static URI withoutUserInfo(final URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), null);
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("bad schema registry URL " + redact(url), e);
        }
    }

    private static String redact(final URI url) {
        return url.getUserInfo() == null ? url.toString() : url.getScheme() + "://[hidden]@" + url.getHost();
    }

    private static void requirePositive(final Duration duration, final String name) {
        if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    private static String string(final Map<String, ?> configs, final String key, final String fallback) {
        final Object value = configs.get(key);
        return value == null || value.toString().isEmpty() ? fallback : value.toString();
    }

    private static long longValue(final Map<String, ?> configs, final String key, final long fallback) {
        final Object value = configs.get(key);
        try {
            return value == null ? fallback : Long.parseLong(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'", e);
        }
    }
}
