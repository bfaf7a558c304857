package dev.streamrec.events;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The MovieLens directory layouts this package reads, as documented in GroupLens' READMEs. Both are ISO-8859-1.
 */
public enum MovieLensFormat {
    /** MovieLens 100K: {@code u.data} (tab-separated), {@code u.user}, {@code u.item}, {@code u.genre} (pipes). */
    ML_100K("u.data", "u.user", "u.item"),
    /** MovieLens 1M: {@code ratings.dat}, {@code users.dat}, {@code movies.dat}, {@code ::}-separated. */
    ML_1M("ratings.dat", "users.dat", "movies.dat");

    private final String ratingsFile;
    private final String usersFile;
    private final String itemsFile;

    MovieLensFormat(final String ratingsFile, final String usersFile, final String itemsFile) {
        this.ratingsFile = ratingsFile;
        this.usersFile = usersFile;
        this.itemsFile = itemsFile;
    }

    /** The ratings file name, e.g. {@code u.data}. */
    public String ratingsFile() {
        return ratingsFile;
    }

    /** The users file name, e.g. {@code u.user}. */
    public String usersFile() {
        return usersFile;
    }

    /** The items file name, e.g. {@code u.item}. */
    public String itemsFile() {
        return itemsFile;
    }

    /**
     * Detects the layout of {@code dir} by its ratings file ({@code u.data} wins if both are present).
     *
     * @param dir a MovieLens directory
     * @return its format
     * @throws NoSuchFileException if {@code dir} holds neither {@code u.data} nor {@code ratings.dat}
     */
    public static MovieLensFormat detect(final Path dir) throws NoSuchFileException {
        for (final MovieLensFormat format : values()) {
            if (Files.isRegularFile(dir.resolve(format.ratingsFile))) {
                return format;
            }
        }
        throw new NoSuchFileException(dir.toString(), null,
                "not a MovieLens directory: expected u.data (ml-100k) or ratings.dat (ml-1m)");
    }
}
