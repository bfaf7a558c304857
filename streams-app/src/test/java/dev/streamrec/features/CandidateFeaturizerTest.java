package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CandidateFeaturizerTest {
    private static final long TIME = Instant.parse("1998-04-01T13:30:00Z").toEpochMilli();
    private static final List<String> GENRES = List.of("Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi");
    private static final FeatureConfig CROSSED = new FeatureConfig(20, 7, 256, FeatureConfig.DEFAULT_GROUPS,
        List.of(new FeatureConfig.Cross("user", "item.genre"), new FeatureConfig.Cross("user.gender", "item"),
            new FeatureConfig.Cross("ctx.device", "item.genre"), new FeatureConfig.Cross("item", "user")));

    private static Attributes attrs(final Map<String, List<String>> categorical, final Map<String, Double> numeric) {
        return Attributes.newBuilder().setCategorical(categorical).setNumeric(numeric).build();
    }

    private static ItemProfile item(final SplittableRandom random, final int id) {
        final Map<String, List<String>> categorical = new TreeMap<>();
        final List<String> genres = new ArrayList<>();
        for (int g = random.nextInt(4); g >= 0; g--) {
            genres.add(GENRES.get(random.nextInt(GENRES.size())));
        }
        categorical.put("genre", genres);
        return ItemProfile.newBuilder().setItemId(Integer.toString(id))
            .setAttributes(attrs(categorical, Map.of("year", 1930.0 + random.nextInt(70))))
            .setTitle(random.nextBoolean() ? "Movie number " + id + " (Part " + random.nextInt(3) + ")" : null)
            .setUpdateTime(Instant.EPOCH).build();
    }

    private static UserProfile user(final String id) {
        return UserProfile.newBuilder().setUserId(id)
            .setAttributes(attrs(Map.of("gender", List.of("F"), "occupation", List.of("writer")),
                Map.of("age", 34.0)))
            .setText("Likes old films, dislikes sequels").setUpdateTime(Instant.EPOCH).build();
    }

    /** The candidate featurizer's output (and result) for every item equals the stream featurizer's, bit for bit. */
    private static void assertSameAsFeaturizer(final FeatureConfig config, final String userId,
                                               final UserProfile user, final Attributes context,
                                               final Map<String, ItemProfile> items, final ItemFeatureCache cache) {
        final Featurizer reference = new Featurizer(config);
        final CandidateFeaturizer candidates = new CandidateFeaturizer(config, cache, userId, TIME, context, user);
        final SparseFeatures expectedCat = new SparseFeatures(config.maxFeatures());
        final SparseFeatures expectedNum = new SparseFeatures(config.maxFeatures());
        final SparseFeatures cat = new SparseFeatures(config.maxFeatures());
        final SparseFeatures num = new SparseFeatures(config.maxFeatures());
        for (final Map.Entry<String, ItemProfile> item : items.entrySet()) {
            final FeaturizationResult expected = reference.featurize(userId, item.getKey(), TIME, context, user,
                item.getValue(), expectedCat, expectedNum);
            final FeaturizationResult actual = candidates.featurize(item.getKey(), item.getValue(), cat, num);
            assertEquals(expected, actual, "item " + item.getKey());
            if (expected.fits()) {
                assertEquals(expectedCat, cat, "categorical features of item " + item.getKey());
                assertEquals(expectedNum, num, "numeric features of item " + item.getKey());
            }
        }
    }

    private static Map<String, ItemProfile> items(final int count, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, ItemProfile> items = new TreeMap<>();
        for (int i = 1; i <= count; i++) {
            items.put(Integer.toString(i), item(random, i));
        }
        return items;
    }

    @Test
    void shouldGiveTheStreamFeaturizersFeaturesForEveryCandidate() {
        final ItemFeatureCache cache = new ItemFeatureCache(CROSSED);
        final Attributes context = attrs(Map.of("device", List.of("tv", "phone")), Map.of("position", 3.0));
        final Map<String, ItemProfile> items = items(300, 11);
        assertSameAsFeaturizer(CROSSED, "42", user("42"), context, items, cache);
        assertEquals(300, cache.size());
        // a second query (another user, no profile, no context) reuses the cached item parts
        assertSameAsFeaturizer(CROSSED, "cold-user", null, null, items, cache);
        assertSameAsFeaturizer(FeatureConfig.defaults(), "7", user("7"), null, items,
            new ItemFeatureCache(FeatureConfig.defaults()));
    }

    @Test
    void shouldFeaturizeUnknownItemsAndChangedProfilesAsTheFeaturizerDoes() {
        final ItemFeatureCache cache = new ItemFeatureCache(CROSSED);
        final Map<String, ItemProfile> items = items(50, 3);
        assertSameAsFeaturizer(CROSSED, "42", user("42"), null, items, cache);
        final Map<String, ItemProfile> changed = items(50, 4); // new profile objects (other genres) for the same ids
        assertNotEquals(items, changed);
        assertSameAsFeaturizer(CROSSED, "42", user("42"), null, changed, cache);
        final Map<String, ItemProfile> unknown = new TreeMap<>();
        unknown.put("no-such-item", null);
        unknown.put("51", null);
        assertSameAsFeaturizer(CROSSED, "42", user("42"), null, unknown, cache);
        assertEquals(50, cache.size()); // items without a profile are not cached
        cache.retain(Set.of("1", "2"));
        assertEquals(2, cache.size());
    }

    @Test
    void shouldRejectAsTheFeaturizerDoesWhenThePairDoesNotFit() {
        final Map<String, ItemProfile> items = items(40, 5);
        // one of the parts alone exceeds the limit, or only the whole pair (crosses included) does
        for (final int max : new int[] {2, 5, 9, 14, 18, 22, 26, 30}) {
            final FeatureConfig small = new FeatureConfig(20, 7, max, FeatureConfig.DEFAULT_GROUPS,
                CROSSED.crosses());
            assertSameAsFeaturizer(small, "42", user("42"), attrs(Map.of("device", List.of("tv")), Map.of()),
                items, new ItemFeatureCache(small));
        }
        final Map<String, ItemProfile> nonFinite = new TreeMap<>(items);
        nonFinite.put("bad", ItemProfile.newBuilder(items.get("1")).setItemId("bad")
            .setAttributes(attrs(Map.of(), Map.of("year", Double.NaN))).build());
        assertSameAsFeaturizer(CROSSED, "42", user("42"), null, nonFinite, new ItemFeatureCache(CROSSED));
        assertSameAsFeaturizer(CROSSED, "42", user("42"), attrs(Map.of(), Map.of("position", Double.NaN)), items,
            new ItemFeatureCache(CROSSED));
    }

    @Test
    void shouldRefuseACacheMadeForOtherFeatures() {
        assertThrows(IllegalArgumentException.class, () -> new CandidateFeaturizer(CROSSED,
            new ItemFeatureCache(FeatureConfig.defaults()), "42", TIME, null, null));
    }
}
