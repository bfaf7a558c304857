package dev.streamrec.events;

import java.time.Instant;
import java.util.Map;

/**
 * Bounds for {@link EventValidator}, immutable and validated.
 *
 * @param minRating          smallest accepted rating (inclusive), finite
 * @param maxRating          largest accepted rating (inclusive), finite and at least {@code minRating}
 * @param minEventTimeMillis earliest accepted event time, epoch milliseconds (inclusive)
 * @param maxEventTimeMillis latest accepted event time, epoch milliseconds (inclusive), at least the minimum
 */
public record ValidationConfig(float minRating, float maxRating, long minEventTimeMillis,
                               long maxEventTimeMillis) {
    /** Default latest event time: 2100-01-01T00:00:00Z; anything later is taken for a unit or clock error. */
    public static final long DEFAULT_MAX_EVENT_TIME_MILLIS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private static final String MIN_RATING = "min.rating";
    private static final String MAX_RATING = "max.rating";
    private static final String MIN_EVENT_TIME = "min.event.time.ms";
    private static final String MAX_EVENT_TIME = "max.event.time.ms";

    public ValidationConfig {
        if (!Float.isFinite(minRating) || !Float.isFinite(maxRating) || minRating > maxRating) {
            throw new IllegalArgumentException("rating range must be finite with min <= max, got " + minRating
                    + ".." + maxRating);
        }
        if (minEventTimeMillis > maxEventTimeMillis) {
            throw new IllegalArgumentException("event time range must have min <= max, got " + minEventTimeMillis
                    + ".." + maxEventTimeMillis);
        }
    }

    /** Ratings 1..5, event times from the epoch to 2100. */
    public static ValidationConfig defaults() {
        return new ValidationConfig(1f, 5f, 0L, DEFAULT_MAX_EVENT_TIME_MILLIS);
    }

    /** The config as string properties ({@code min.rating}, {@code max.rating}, {@code min/max.event.time.ms}). */
    public Map<String, String> toProperties() {
        return Map.of(MIN_RATING, Float.toString(minRating), MAX_RATING, Float.toString(maxRating),
                MIN_EVENT_TIME, Long.toString(minEventTimeMillis), MAX_EVENT_TIME, Long.toString(maxEventTimeMillis));
    }

    /** Parses {@link #toProperties()} output; absent keys take their defaults. */
    public static ValidationConfig fromProperties(final Map<String, String> properties) {
        final ValidationConfig d = defaults();
        return new ValidationConfig(
                Float.parseFloat(properties.getOrDefault(MIN_RATING, Float.toString(d.minRating))),
                Float.parseFloat(properties.getOrDefault(MAX_RATING, Float.toString(d.maxRating))),
                Long.parseLong(properties.getOrDefault(MIN_EVENT_TIME, Long.toString(d.minEventTimeMillis))),
                Long.parseLong(properties.getOrDefault(MAX_EVENT_TIME, Long.toString(d.maxEventTimeMillis))));
    }
}
