package dev.streamrec.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Parameters of {@link SyntheticStream}, immutable and validated. Every random number derives from {@code seed}.
 *
 * @param seed            the only source of randomness
 * @param users           number of users, at least 1
 * @param items           number of items, at least 1
 * @param events          number of events, at least 0
 * @param dimension       latent factor dimension, at least 1
 * @param ratingFraction  probability that an event is a rating rather than an impression, in [0, 1]
 * @param startTimeMillis event time of the first event and update time of every profile, epoch milliseconds, >= 0
 * @param meanGapMillis   mean of the exponential gap between consecutive events; each gap is at least 1 ms, so event
 *                        times strictly increase; at least 1
 * @param clickSignal     weight of {@code u·v} in the click logit, finite
 * @param clickBias       global click logit bias, finite (-1 gives a click rate near 30%)
 * @param biasStd         standard deviation of the per-user and per-item logit biases, finite, >= 0
 * @param ratingScale     weight of {@code u·v} in the rating, finite
 * @param ratingNoise     standard deviation of the rating noise, finite, >= 0
 */
public record SyntheticConfig(long seed, int users, int items, long events, int dimension, double ratingFraction,
                              long startTimeMillis, long meanGapMillis, double clickSignal, double clickBias,
                              double biasStd, double ratingScale, double ratingNoise) {
    /** 2024-01-01T00:00:00Z, the default start time. */
    public static final long DEFAULT_START_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    public SyntheticConfig {
        require(users >= 1, "users must be >= 1, got " + users);
        require(items >= 1, "items must be >= 1, got " + items);
        require(events >= 0, "events must be >= 0, got " + events);
        require(dimension >= 1, "dimension must be >= 1, got " + dimension);
        require(ratingFraction >= 0 && ratingFraction <= 1, "ratingFraction must be in [0, 1], got " + ratingFraction);
        require(startTimeMillis >= 0, "startTimeMillis must be >= 0, got " + startTimeMillis);
        require(meanGapMillis >= 1, "meanGapMillis must be >= 1, got " + meanGapMillis);
        require(Double.isFinite(clickSignal), "clickSignal must be finite, got " + clickSignal);
        require(Double.isFinite(clickBias), "clickBias must be finite, got " + clickBias);
        require(biasStd >= 0 && Double.isFinite(biasStd), "biasStd must be finite and >= 0, got " + biasStd);
        require(Double.isFinite(ratingScale), "ratingScale must be finite, got " + ratingScale);
        require(ratingNoise >= 0 && Double.isFinite(ratingNoise),
                "ratingNoise must be finite and >= 0, got " + ratingNoise);
    }

    /** Seed 42, 1000 users, 500 items, 100,000 events, dimension 8, 20% ratings, one event a second from 2024. */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(42L, 1000, 500, 100_000L, 8, 0.2, DEFAULT_START_MILLIS, 1000L,
                2.0, -1.0, 0.3, 1.0, 0.5);
    }

    /** A copy with another seed. */
    public SyntheticConfig withSeed(final long newSeed) {
        return new SyntheticConfig(newSeed, users, items, events, dimension, ratingFraction, startTimeMillis,
                meanGapMillis, clickSignal, clickBias, biasStd, ratingScale, ratingNoise);
    }

    /** A copy with other population and event counts. */
    public SyntheticConfig withSize(final int newUsers, final int newItems, final long newEvents) {
        return new SyntheticConfig(seed, newUsers, newItems, newEvents, dimension, ratingFraction, startTimeMillis,
                meanGapMillis, clickSignal, clickBias, biasStd, ratingScale, ratingNoise);
    }

    /** A copy with another rating fraction. */
    public SyntheticConfig withRatingFraction(final double newRatingFraction) {
        return new SyntheticConfig(seed, users, items, events, dimension, newRatingFraction, startTimeMillis,
                meanGapMillis, clickSignal, clickBias, biasStd, ratingScale, ratingNoise);
    }

    /** The config as string properties, keys named like the components ({@code seed}, {@code users}, ...). */
    public Map<String, String> toProperties() {
        final Map<String, String> p = new HashMap<>();
        p.put("seed", Long.toString(seed));
        p.put("users", Integer.toString(users));
        p.put("items", Integer.toString(items));
        p.put("events", Long.toString(events));
        p.put("dimension", Integer.toString(dimension));
        p.put("ratingFraction", Double.toString(ratingFraction));
        p.put("startTimeMillis", Long.toString(startTimeMillis));
        p.put("meanGapMillis", Long.toString(meanGapMillis));
        p.put("clickSignal", Double.toString(clickSignal));
        p.put("clickBias", Double.toString(clickBias));
        p.put("biasStd", Double.toString(biasStd));
        p.put("ratingScale", Double.toString(ratingScale));
        p.put("ratingNoise", Double.toString(ratingNoise));
        return Map.copyOf(p);
    }

    /** Parses {@link #toProperties()} output; absent keys take their {@link #defaults()}, unknown keys are errors. */
    public static SyntheticConfig fromProperties(final Map<String, String> p) {
        final Map<String, String> d = defaults().toProperties();
        for (final String key : p.keySet()) {
            require(d.containsKey(key), "unknown synthetic config key '" + key + "', known: " + d.keySet());
        }
        final Map<String, String> m = new HashMap<>(d);
        m.putAll(p);
        return new SyntheticConfig(Long.parseLong(m.get("seed")), Integer.parseInt(m.get("users")),
                Integer.parseInt(m.get("items")), Long.parseLong(m.get("events")),
                Integer.parseInt(m.get("dimension")), Double.parseDouble(m.get("ratingFraction")),
                Long.parseLong(m.get("startTimeMillis")), Long.parseLong(m.get("meanGapMillis")),
                Double.parseDouble(m.get("clickSignal")), Double.parseDouble(m.get("clickBias")),
                Double.parseDouble(m.get("biasStd")), Double.parseDouble(m.get("ratingScale")),
                Double.parseDouble(m.get("ratingNoise")));
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
