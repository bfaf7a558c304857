package dev.streamrec.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the evaluation data that sits beside the repository ({@code ../shared/data}), never inside it. */
final class SharedData {
    private SharedData() {
    }

    /** The ML-100k directory, found by walking up from the working directory, if present. */
    static Optional<Path> movieLens100k() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("ml-100k");
            if (Files.isRegularFile(candidate.resolve("u.data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
