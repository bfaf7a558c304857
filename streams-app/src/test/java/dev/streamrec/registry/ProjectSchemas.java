package dev.streamrec.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own {@code .avsc} files ({@code schemas/src/main/avro}), which name each other's types. */
final class ProjectSchemas {
    static final String NAMESPACE = "dev.streamrec.schema.";

    private ProjectSchemas() {
    }

    /** The directory, found by walking up from the working directory (Maven runs tests in the module). */
    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("schemas").resolve("src").resolve("main").resolve("avro");
            if (Files.isRegularFile(candidate.resolve("ImpressionEvent.avsc"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no schemas/src/main/avro above " + Path.of("").toAbsolutePath());
    }

    /** The text of one file, e.g. {@code avsc("Attributes")}, exactly as written (named types by short name). */
    static String avsc(final String name) throws IOException {
        return Files.readString(directory().resolve(name + ".avsc"));
    }
}
