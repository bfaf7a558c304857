package dev.streamrec.events;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of users, items and events with a known latent-factor ground truth, for tests and demos where
 * a model's ability to learn must be checked against the truth.
 *
 * <p>The model: user {@code u} and item {@code v} have factors with independent N(0, 1/sqrt(d)) components, so
 * {@code u·v} has unit variance, plus N(0, biasStd²) logit biases {@code b_u}, {@code b_v}. An impression is clicked
 * with probability {@code sigmoid(clickSignal·u·v + b_u + b_v + clickBias)}; a rating is
 * {@code clamp(round(3 + ratingScale·u·v + N(0, ratingNoise²)), 1, 5)}. Users and items of an event are uniform.
 *
 * <p>Profile attributes are correlated with the factors so that a featurizer can learn from them: item
 * {@code genre} = the names {@code g<k>} of its two largest factor components, item {@code year} is uniform noise;
 * user {@code age} rises with component 0, {@code gender} is "F" with probability sigmoid(1.5·z1) and
 * {@code occupation} is drawn with probability proportional to exp(1.5·z_(k mod d)) for occupation k (z = the
 * standardized component); {@code zip} is uniform noise. Event contexts are empty.
 *
 * <p>Ids: users {@code u<index>}, items {@code i<index>}, events {@code syn-r-<n>} / {@code syn-i-<n>} with n the
 * 0-based event position. Determinism: profiles, factors and events come from separate streams split off one
 * {@link SplittableRandom} seeded by {@link SyntheticConfig#seed()}, so the same config yields equal records.
 * Memory: {@code (users + items)·(d + 1)} doubles plus the profiles; events are generated lazily.
 */
public final class SyntheticStream implements EventSource {
    private static final List<String> OCCUPATIONS = List.of(
            "engineer", "artist", "student", "educator", "healthcare", "sales", "retired", "writer");
    private static final double ATTRIBUTE_SHARPNESS = 1.5;

    private final SyntheticConfig config;
    private final double factorStd;
    private final double[] userFactors;
    private final double[] itemFactors;
    private final double[] userBias;
    private final double[] itemBias;
    private final List<UserProfile> users;
    private final List<ItemProfile> items;
    private final long eventSeed;

    /**
     * Draws the factors and profiles; events are drawn by each {@link #events()} iteration.
     *
     * @param config the generator parameters
     */
    public SyntheticStream(final SyntheticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        final int d = config.dimension();
        this.factorStd = Math.pow(d, -0.25);
        final SplittableRandom root = new SplittableRandom(config.seed());
        final SplittableRandom userRandom = root.split();
        final SplittableRandom itemRandom = root.split();
        this.eventSeed = root.nextLong();
        this.userFactors = gaussians(userRandom, Math.multiplyExact(config.users(), d), factorStd);
        this.userBias = gaussians(userRandom, config.users(), config.biasStd());
        this.itemFactors = gaussians(itemRandom, Math.multiplyExact(config.items(), d), factorStd);
        this.itemBias = gaussians(itemRandom, config.items(), config.biasStd());
        final Instant start = Instant.ofEpochMilli(config.startTimeMillis());
        final List<UserProfile> userList = new ArrayList<>(config.users());
        for (int u = 0; u < config.users(); u++) {
            userList.add(userProfile(u, userRandom, start));
        }
        final List<ItemProfile> itemList = new ArrayList<>(config.items());
        for (int i = 0; i < config.items(); i++) {
            itemList.add(itemProfile(i, itemRandom, start));
        }
        this.users = List.copyOf(userList);
        this.items = List.copyOf(itemList);
    }

    /** The id of the user at {@code index}: {@code u<index>}. */
    public static String userId(final int index) {
        return "u" + index;
    }

    /** The id of the item at {@code index}: {@code i<index>}. */
    public static String itemId(final int index) {
        return "i" + index;
    }

    /** The generator parameters. */
    public SyntheticConfig config() {
        return config;
    }

    /** The user profiles, by index. */
    public List<UserProfile> users() {
        return users;
    }

    /** The item profiles, by index. */
    public List<ItemProfile> items() {
        return items;
    }

    /** Component {@code k} of the factor of user {@code user}. */
    public double userFactor(final int user, final int k) {
        return userFactors[user * config.dimension() + k];
    }

    /** Component {@code k} of the factor of item {@code item}. */
    public double itemFactor(final int item, final int k) {
        return itemFactors[item * config.dimension() + k];
    }

    /** The true affinity {@code u·v} of a user and an item, by index. */
    public double affinity(final int user, final int item) {
        final int d = config.dimension();
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += userFactors[user * d + k] * itemFactors[item * d + k];
        }
        return dot;
    }

    /** The true click probability of a user and an item, by index. */
    public double clickProbability(final int user, final int item) {
        return sigmoid(config.clickSignal() * affinity(user, item) + userBias[user] + itemBias[item]
                + config.clickBias());
    }

    /**
     * The events, lazily and in strictly increasing event time; each call starts the same sequence again.
     *
     * @return an iterator of {@link RatingEvent}s and {@link ImpressionEvent}s
     */
    public Iterator<SpecificRecord> events() {
        return new EventIterator();
    }

    @Override
    public void replay(final EventSink sink) {
        users.forEach(sink::user);
        items.forEach(sink::item);
        final Iterator<SpecificRecord> it = events();
        while (it.hasNext()) {
            final SpecificRecord event = it.next();
            if (event instanceof RatingEvent rating) {
                sink.rating(rating);
            } else {
                sink.impression((ImpressionEvent) event);
            }
        }
    }

    private UserProfile userProfile(final int u, final SplittableRandom random, final Instant time) {
        final int d = config.dimension();
        final double age = Math.max(16, Math.min(80, Math.round(38 + 12 * z(userFactor(u, 0))
                + 4 * random.nextGaussian())));
        final String gender = random.nextDouble() < sigmoid(ATTRIBUTE_SHARPNESS * z(userFactor(u, 1 % d)))
                ? "F" : "M";
        final double[] weights = new double[OCCUPATIONS.size()];
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = Math.exp(ATTRIBUTE_SHARPNESS * z(userFactor(u, k % d)));
            total += weights[k];
        }
        double draw = random.nextDouble() * total;
        int occupation = weights.length - 1;
        for (int k = 0; k < weights.length; k++) {
            draw -= weights[k];
            if (draw < 0) {
                occupation = k;
                break;
            }
        }
        final Map<String, List<String>> categorical = new HashMap<>();
        categorical.put("gender", List.of(gender));
        categorical.put("occupation", List.of(OCCUPATIONS.get(occupation)));
        categorical.put("zip", List.of(String.format(Locale.ROOT, "%03d", random.nextInt(1000))));
        final Map<String, Double> numeric = new HashMap<>();
        numeric.put("age", age);
        return new UserProfile(userId(u), new Attributes(categorical, numeric), null, time);
    }

    private ItemProfile itemProfile(final int i, final SplittableRandom random, final Instant time) {
        final int d = config.dimension();
        int first = 0;
        for (int k = 1; k < d; k++) {
            if (itemFactor(i, k) > itemFactor(i, first)) {
                first = k;
            }
        }
        int second = -1;
        for (int k = 0; k < d; k++) {
            if (k != first && (second < 0 || itemFactor(i, k) > itemFactor(i, second))) {
                second = k;
            }
        }
        final List<String> genres = second < 0 ? List.of("g" + first) : List.of("g" + first, "g" + second);
        final Map<String, List<String>> categorical = new HashMap<>();
        categorical.put("genre", genres);
        categorical.put("year", List.of(Integer.toString(1950 + random.nextInt(75))));
        return new ItemProfile(itemId(i), new Attributes(categorical, new HashMap<>()), "Synthetic item " + i, time);
    }

    private double z(final double component) {
        return component / factorStd;
    }

    private static double[] gaussians(final SplittableRandom random, final int n, final double std) {
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = std * random.nextGaussian();
        }
        return values;
    }

    private static double sigmoid(final double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Draws event n from the event stream; every event consumes the same number of random draws. */
    private final class EventIterator implements Iterator<SpecificRecord> {
        private final SplittableRandom random = new SplittableRandom(eventSeed);
        private long next;
        private long time = config.startTimeMillis();

        @Override
        public boolean hasNext() {
            return next < config.events();
        }

        @Override
        public SpecificRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException("all " + config.events() + " events were generated");
            }
            final long n = next++;
            if (n > 0) {
                final double gap = -config.meanGapMillis() * Math.log(1.0 - random.nextDouble());
                time += Math.max(1L, Math.round(gap));
            }
            final int user = random.nextInt(config.users());
            final int item = random.nextInt(config.items());
            final boolean isRating = random.nextDouble() < config.ratingFraction();
            final double u = random.nextDouble();
            final double noise = random.nextGaussian();
            final Instant eventTime = Instant.ofEpochMilli(time);
            final Attributes context = new Attributes(new HashMap<>(), new HashMap<>());
            if (isRating) {
                final double raw = 3 + config.ratingScale() * affinity(user, item) + config.ratingNoise() * noise;
                final float rating = (float) Math.max(1, Math.min(5, Math.round(raw)));
                return new RatingEvent("syn-r-" + n, userId(user), itemId(item), eventTime, rating, context);
            }
            return new ImpressionEvent("syn-i-" + n, userId(user), itemId(item), eventTime,
                    u < clickProbability(user, item), context);
        }
    }
}
