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
 * @param limits             bounds on every variable-size field
 */
public record ValidationConfig(float minRating, float maxRating, long minEventTimeMillis,
                               long maxEventTimeMillis, FieldLimits limits) {
    /** Default latest event time: 2100-01-01T00:00:00Z; anything later is taken for a unit or clock error. */
    public static final long DEFAULT_MAX_EVENT_TIME_MILLIS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private static final String MIN_RATING = "min.rating";
    private static final String MAX_RATING = "max.rating";
    private static final String MIN_EVENT_TIME = "min.event.time.ms";
    private static final String MAX_EVENT_TIME = "max.event.time.ms";
    private static final String LIMIT_PREFIX = "limit.";

    public ValidationConfig {
        java.util.Objects.requireNonNull(limits, "limits");
        if (!Float.isFinite(minRating) || !Float.isFinite(maxRating) || minRating > maxRating) {
            throw new IllegalArgumentException("rating range must be finite with min <= max, got " + minRating
                    + ".." + maxRating);
        }
        if (minEventTimeMillis > maxEventTimeMillis) {
            throw new IllegalArgumentException("event time range must have min <= max, got " + minEventTimeMillis
                    + ".." + maxEventTimeMillis);
        }
    }

    /** The given ranges with the default {@link FieldLimits}. */
    public ValidationConfig(final float minRating, final float maxRating, final long minEventTimeMillis,
                            final long maxEventTimeMillis) {
        this(minRating, maxRating, minEventTimeMillis, maxEventTimeMillis, FieldLimits.defaults());
    }

    /** Ratings 1..5, event times from the epoch to 2100, the default field limits. */
    public static ValidationConfig defaults() {
        return new ValidationConfig(1f, 5f, 0L, DEFAULT_MAX_EVENT_TIME_MILLIS);
    }

    /**
     * The config as string properties ({@code min.rating}, {@code max.rating}, {@code min/max.event.time.ms}, and
     * the limits as {@code limit.<key>}).
     */
    public Map<String, String> toProperties() {
        final Map<String, String> properties = new java.util.HashMap<>(Map.of(MIN_RATING, Float.toString(minRating),
                MAX_RATING, Float.toString(maxRating), MIN_EVENT_TIME, Long.toString(minEventTimeMillis),
                MAX_EVENT_TIME, Long.toString(maxEventTimeMillis)));
        limits.toProperties().forEach((key, value) -> properties.put(LIMIT_PREFIX + key, value));
        return Map.copyOf(properties);
    }

    /** Parses {@link #toProperties()} output; absent keys take their defaults. */
    public static ValidationConfig fromProperties(final Map<String, String> properties) {
        final ValidationConfig d = defaults();
        return new ValidationConfig(
                Float.parseFloat(properties.getOrDefault(MIN_RATING, Float.toString(d.minRating))),
                Float.parseFloat(properties.getOrDefault(MAX_RATING, Float.toString(d.maxRating))),
                Long.parseLong(properties.getOrDefault(MIN_EVENT_TIME, Long.toString(d.minEventTimeMillis))),
                Long.parseLong(properties.getOrDefault(MAX_EVENT_TIME, Long.toString(d.maxEventTimeMillis))),
                FieldLimits.fromProperties(limitProperties(properties)));
    }

    private static Map<String, String> limitProperties(final Map<String, String> properties) {
        final Map<String, String> limits = new java.util.HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(LIMIT_PREFIX)) {
                limits.put(key.substring(LIMIT_PREFIX.length()), value);
            }
        });
        return limits;
    }
}
