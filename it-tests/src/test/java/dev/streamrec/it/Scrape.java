package dev.streamrec.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One scrape of a Prometheus text endpoint over HTTP: every sample as {@code name{labels}} -> value. */
record Scrape(Map<String, Double> samples) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Scrape of(final int port) {
        return parse(get(port, "/metrics").body());
    }

    static HttpResponse<String> get(final int port, final String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Scrape parse(final String text) {
        final Map<String, Double> samples = new TreeMap<>();
        for (final String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return new Scrape(samples);
    }

    /** Metric names (without labels). */
    Set<String> names() {
        final Set<String> names = new TreeSet<>();
        samples.keySet().forEach(key -> names.add(name(key)));
        return names;
    }

    /** The sum over every sample of this metric whose labels contain {@code labelFragment} (may be empty). */
    double sum(final String metric, final String labelFragment) {
        return samples.entrySet().stream()
            .filter(e -> name(e.getKey()).equals(metric) && e.getKey().contains(labelFragment))
            .mapToDouble(Map.Entry::getValue).filter(v -> !Double.isNaN(v)).sum();
    }

    /** How many samples this metric has. */
    long count(final String metric) {
        return samples.keySet().stream().filter(key -> name(key).equals(metric)).count();
    }

    private static String name(final String sample) {
        final int brace = sample.indexOf('{');
        return brace < 0 ? sample : sample.substring(0, brace);
    }
}
