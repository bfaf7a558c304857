package dev.streamrec.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a dashboard or a rule file uses, and where to find the repository's ops files. */
final class MetricNames {
    /** streamrec's, Kafka's and the endpoint's own names; {@code up} and other Prometheus names are left out. */
    private static final Pattern METRIC = Pattern.compile(
        "\\b((?:kafka|streamrec|jvm|process)_[a-z0-9_]+)\\b");

    private MetricNames() {
    }

    static Set<String> usedIn(final String text) {
        final Set<String> names = new TreeSet<>();
        final Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ops"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ops/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static void write(final Scrape scrape, final Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, scrape.names());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
