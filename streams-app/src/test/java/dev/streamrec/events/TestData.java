package dev.streamrec.events;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates test inputs: fixtures on the test class path and the shared MovieLens 100K directory. */
final class TestData {
    /** Overrides the search for the shared ml-100k directory. */
    static final String ML_100K_PROPERTY = "streamrec.ml100k.dir";

    private TestData() {
    }

    /** A directory fixture under {@code src/test/resources}. */
    static Path fixture(final String name) {
        final URL url = TestData.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource /" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where {@link #sharedMl100k()} looked, for a skip message. */
    static String describeMl100kSearch() {
        final String override = System.getProperty(ML_100K_PROPERTY);
        return override != null && !override.isBlank()
                ? "-D" + ML_100K_PROPERTY + "=" + override + " holds no u.data"
                : "no shared/data/ml-100k/u.data in " + Path.of("").toAbsolutePath() + " or any parent (set -D"
                        + ML_100K_PROPERTY + " to point elsewhere)";
    }

    /**
     * The shared ml-100k directory: the {@value #ML_100K_PROPERTY} system property if set, else the first
     * {@code shared/data/ml-100k} holding a {@code u.data}, walking up from the working directory (Maven runs
     * module tests in the module directory, so this finds {@code ../shared/data/ml-100k} beside the repository).
     */
    static Optional<Path> sharedMl100k() {
        final String override = System.getProperty(ML_100K_PROPERTY);
        if (override != null && !override.isBlank()) {
            final Path dir = Path.of(override);
            return Files.isRegularFile(dir.resolve("u.data")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("ml-100k");
            if (Files.isRegularFile(candidate.resolve("u.data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
