package dev.streamrec.events;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A MovieLens directory (ml-100k or ml-1m layout, see {@link MovieLensFormat}) as profiles and time-ordered events.
 *
 * <p>What it produces:
 * <ul>
 *   <li>{@link UserProfile}s keyed by the MovieLens user id: categorical {@code gender}, {@code occupation}
 *       (ml-1m codes mapped to the README's names) and {@code zip} (the first three characters of the zip code, a
 *       coarse region; non-US codes are kept as written, upper-cased); numeric {@code age} (ml-1m: the lower bound
 *       of the age group, e.g. 25 for "25-34").</li>
 *   <li>{@link ItemProfile}s keyed by the movie id: categorical {@code genre} (multi-valued) and {@code year} (the
 *       last "(yyyy)" in the title, else the year of the ml-100k release date); the title without that year.</li>
 *   <li>{@link RatingEvent}s in timestamp order, ties in file order, with their original event times; event id
 *       {@code ml-r-<line>} where {@code <line>} is the 1-based line number in the ratings file.</li>
 *   <li>One {@link ImpressionEvent} per rating, {@code clicked = rating >= 4}, id {@code ml-i-<line>}.</li>
 * </ul>
 * Profiles carry the time of the earliest rating as update time ({@link Instant#EPOCH} if there are none), so they
 * precede every event. Event contexts are empty.
 *
 * <p>Profiles are held as records (a few thousand); ratings are held in primitive arrays (about 28 bytes each,
 * 28 MB for ml-1m) because ordering them needs all of them; events are created lazily while streaming.
 *
 * <p>Malformed lines (wrong field count, non-numeric ids, ratings outside 1..5, negative timestamps) are skipped,
 * counted and passed to the callback given to {@link #open}. Blank lines are ignored.
 */
public final class MovieLensDataset implements EventSource {
    /** The smallest rating the MovieLens data sets use. */
    public static final float MIN_RATING = 1f;
    /** The largest rating the MovieLens data sets use. */
    public static final float MAX_RATING = 5f;
    /** Ratings at or above this become clicked impressions. */
    public static final float CLICK_THRESHOLD = 4f;
    /**
     * How long before its rating a derived impression happens. MovieLens times are whole seconds, so impressions
     * (at x.999 s) and ratings (at x.000 s) never share a timestamp: the two topics then interleave in one total
     * order, and a replay processes them in the same order every time (Kafka Streams breaks timestamp ties between
     * partitions arbitrarily).
     */
    public static final java.time.Duration IMPRESSION_LEAD = java.time.Duration.ofMillis(1);

    private final MovieLensFormat format;
    private final List<UserProfile> users;
    private final List<ItemProfile> items;
    private final RatingLog log;
    private final long malformed;

    private MovieLensDataset(final MovieLensFormat format, final List<UserProfile> users,
                             final List<ItemProfile> items, final RatingLog log, final long malformed) {
        this.format = format;
        this.users = users;
        this.items = items;
        this.log = log;
        this.malformed = malformed;
    }

    /**
     * Reads the directory, detecting its format.
     *
     * @param dir         a MovieLens directory
     * @param onMalformed called once per skipped line, in file order (ratings first, then users, then items)
     * @return the loaded data set
     * @throws IOException if the directory is no MovieLens directory or a required file cannot be read
     */
    public static MovieLensDataset open(final Path dir, final Consumer<MalformedLine> onMalformed)
            throws IOException {
        Objects.requireNonNull(onMalformed, "onMalformed");
        final MovieLensFormat format = MovieLensFormat.detect(dir);
        final boolean ml100k = format == MovieLensFormat.ML_100K;
        final String ratingSeparator = ml100k ? "\t" : "::";
        final RatingLog log = new RatingLog();
        long malformed = MovieLensParsing.forEachLine(dir.resolve(format.ratingsFile()), (line, lineNumber) -> {
            final String[] f = MovieLensParsing.split(line, ratingSeparator, 4);
            final int user = MovieLensParsing.parseId(f[0], "user id");
            final int item = MovieLensParsing.parseId(f[1], "item id");
            final float rating = parseRating(f[2]);
            final long seconds = parseSeconds(f[3]);
            if (seconds < 0) {
                throw new IllegalArgumentException("timestamp is negative: " + seconds);
            }
            log.add(user, item, rating, seconds, lineNumber);
        }, onMalformed);
        log.sortByTime();
        final Instant profileTime = log.size() == 0 ? Instant.EPOCH
                : Instant.ofEpochSecond(log.epochSecond(0)).minus(IMPRESSION_LEAD);

        final List<UserProfile> users = new ArrayList<>();
        malformed += MovieLensParsing.forEachLine(dir.resolve(format.usersFile()), (line, lineNumber) -> users.add(
                ml100k ? MovieLensParsing.ml100kUser(line, profileTime)
                        : MovieLensParsing.ml1mUser(line, profileTime)), onMalformed);

        final List<String> genres = ml100k
                ? MovieLensParsing.ml100kGenres(dir.resolve("u.genre"), onMalformed) : List.of();
        final List<ItemProfile> items = new ArrayList<>();
        malformed += MovieLensParsing.forEachLine(dir.resolve(format.itemsFile()), (line, lineNumber) -> items.add(
                ml100k ? MovieLensParsing.ml100kItem(line, genres, profileTime)
                        : MovieLensParsing.ml1mItem(line, profileTime)), onMalformed);
        return new MovieLensDataset(format, List.copyOf(users), List.copyOf(items), log, malformed);
    }

    private static long parseSeconds(final String field) {
        try {
            return Long.parseLong(field.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("timestamp is not an integer: '" + field.trim() + "'", e);
        }
    }

    private static float parseRating(final String field) {
        final float rating;
        try {
            rating = Float.parseFloat(field.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("rating is not a number: '" + field.trim() + "'", e);
        }
        if (!(rating >= MIN_RATING && rating <= MAX_RATING)) {
            throw new IllegalArgumentException("rating " + field.trim() + " is not in " + MIN_RATING + ".."
                    + MAX_RATING);
        }
        return rating;
    }

    /** The detected layout. */
    public MovieLensFormat format() {
        return format;
    }

    /** The user profiles, in file order. */
    public List<UserProfile> users() {
        return users;
    }

    /** The item profiles, in file order. */
    public List<ItemProfile> items() {
        return items;
    }

    /** The number of well-formed ratings. */
    public int ratingCount() {
        return log.size();
    }

    /** The number of skipped lines over all files. */
    public long malformedCount() {
        return malformed;
    }

    /** The ratings in event-time order (ties in file order), created lazily. */
    public Stream<RatingEvent> ratings() {
        return IntStream.range(0, log.size()).mapToObj(this::ratingAt);
    }

    /** One impression per rating, same order, {@code clicked = rating >= 4}, created lazily. */
    public Stream<ImpressionEvent> impressions() {
        return IntStream.range(0, log.size()).mapToObj(this::impressionAt);
    }

    /**
     * Replays users, items, then for each rating in time order its derived {@link ImpressionEvent} followed by the
     * {@link RatingEvent} (the user was shown the item, then rated it).
     */
    @Override
    public void replay(final EventSink sink) {
        users.forEach(sink::user);
        items.forEach(sink::item);
        for (int rank = 0; rank < log.size(); rank++) {
            sink.impression(impressionAt(rank));
            sink.rating(ratingAt(rank));
        }
    }

    private RatingEvent ratingAt(final int rank) {
        return new RatingEvent("ml-r-" + log.lineNumber(rank), Integer.toString(log.user(rank)),
                Integer.toString(log.item(rank)), Instant.ofEpochSecond(log.epochSecond(rank)), log.rating(rank),
                emptyContext());
    }

    private ImpressionEvent impressionAt(final int rank) {
        return new ImpressionEvent("ml-i-" + log.lineNumber(rank), Integer.toString(log.user(rank)),
                Integer.toString(log.item(rank)), Instant.ofEpochSecond(log.epochSecond(rank)).minus(IMPRESSION_LEAD),
                log.rating(rank) >= CLICK_THRESHOLD, emptyContext());
    }

    private static Attributes emptyContext() {
        return new Attributes(new HashMap<>(), new HashMap<>());
    }
}
