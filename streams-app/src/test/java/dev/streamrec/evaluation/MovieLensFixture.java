package dev.streamrec.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

/** A generated ml-100k-format directory (users, items with genre flags, timed ratings) and the shared ml-100k. */
final class MovieLensFixture {
    private static final String[] OCCUPATIONS = {"engineer", "librarian", "student", "retired"};
    private static final int GENRES = 19;

    private MovieLensFixture() {
    }

    /** Writes {@code u.user}, {@code u.item} and {@code u.data} with a taste signal; no {@code u.genre}. */
    static Path write(final Path dir, final int users, final int items, final int ratings, final long seed)
            throws IOException {
        final SplittableRandom random = new SplittableRandom(seed);
        final StringBuilder u = new StringBuilder();
        for (int i = 1; i <= users; i++) {
            u.append(i).append('|').append(18 + random.nextInt(50)).append('|').append(i % 2 == 0 ? "F" : "M")
                .append('|').append(OCCUPATIONS[i % OCCUPATIONS.length]).append('|').append(10000 + i).append('\n');
        }
        final StringBuilder it = new StringBuilder();
        for (int i = 1; i <= items; i++) {
            final int genre = 1 + i % 6;
            it.append(i).append("|Film ").append(genre == 1 ? "Fight" : "Story").append(' ').append(i).append(" (199")
                .append(i % 10).append(")|01-Jan-199").append(i % 10).append("||http://example.invalid/").append(i);
            for (int g = 0; g < GENRES; g++) {
                it.append('|').append(g == genre || (g == 8 && i % 4 == 0) ? 1 : 0);
            }
            it.append('\n');
        }
        final StringBuilder data = new StringBuilder();
        for (int r = 0; r < ratings; r++) {
            final int user = 1 + random.nextInt(users);
            final int item = 1 + random.nextInt(items);
            final int rating = (user + item) % 3 == 0 ? 5 : 1 + random.nextInt(4);
            data.append(user).append('\t').append(item).append('\t').append(rating).append('\t')
                .append(880_000_000L + 60L * r).append('\n');
        }
        Files.writeString(dir.resolve("u.user"), u, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.item"), it, StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.data"), data, StandardCharsets.ISO_8859_1);
        return dir;
    }

    /** The shared ml-100k directory, searched upwards from the working directory like the other tests do. */
    static Optional<Path> sharedMl100k() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("ml-100k");
            if (Files.isRegularFile(candidate.resolve("u.data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
