package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.events.RejectReason;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerTest {
    /** 1997-09-20T22:00:00Z, a Saturday. */
    private static final long SATURDAY_22H = Instant.parse("1997-09-20T22:00:00Z").toEpochMilli();

    private final FeatureConfig config = FeatureConfig.defaults();
    private final Featurizer featurizer = new Featurizer(config);
    private final FeatureHasher hasher = FeatureHasher.of(config);
    private final FeatureGroups groups = FeatureGroups.of(config);
    private final SparseFeatures cat = new SparseFeatures(256);
    private final SparseFeatures num = new SparseFeatures(16);

    private static Attributes attrs(final Map<String, List<String>> categorical, final Map<String, Double> numeric) {
        return Attributes.newBuilder().setCategorical(categorical).setNumeric(numeric).build();
    }

    private static UserProfile user() {
        final Map<String, List<String>> cat = new LinkedHashMap<>();
        cat.put("occupation", List.of("writer"));
        cat.put("gender", List.of("F"));
        return UserProfile.newBuilder().setUserId("42").setAttributes(attrs(cat, Map.of("age", 34.0)))
            .setText(null).setUpdateTime(Instant.EPOCH).build();
    }

    private static ItemProfile item() {
        return ItemProfile.newBuilder().setItemId("1")
            .setAttributes(attrs(Map.of("genre", List.of("Animation", "Comedy")), Map.of()))
            .setTitle("Toy Story (1995)").setUpdateTime(Instant.EPOCH).build();
    }

    private float valueOf(final int index, final int group) {
        for (int j = 0; j < cat.size(); j++) {
            if (cat.index(j) == index && cat.group(j) == group) {
                return cat.value(j);
            }
        }
        throw new AssertionError("no feature " + index + " in group " + groups.name(group) + ": " + cat);
    }

    private int countInGroup(final String group) {
        int n = 0;
        for (int j = 0; j < cat.size(); j++) {
            n += cat.group(j) == groups.id(group) ? 1 : 0;
        }
        return n;
    }

    @Test
    void shouldProduceBiasIdsAndDerivedTimeFeaturesWithoutProfiles() {
        final FeaturizationResult r = featurizer.featurize("42", "1", SATURDAY_22H, attrs(Map.of(), Map.of()),
            null, null, cat, num);
        assertEquals(FeaturizationResult.OK, r);
        assertEquals(5, cat.size(), cat.toString()); // bias, user, item, hour, weekday; no genre to cross
        assertEquals(Featurizer.BIAS_INDEX, cat.index(0));
        assertEquals(groups.otherId(), cat.group(0));
        assertEquals(1f, valueOf(hasher.index("user", "42"), groups.id("user")));
        assertEquals(1f, valueOf(hasher.index("item", "1"), groups.id("item")));
        assertEquals(1f, valueOf(hasher.index("ctx.hour", 22), groups.id("ctx.hour")));
        assertEquals(1f, valueOf(hasher.index("ctx.weekday", 6), groups.id("ctx.weekday")));
        assertEquals(0, num.size());
    }

    @Test
    void shouldFeaturizeProfilesAttributesTitleAndCrosses() {
        final Attributes ctx = attrs(Map.of("device", List.of("mobile")), Map.of("position", 3.0));
        assertEquals(FeaturizationResult.OK,
            featurizer.featurize("42", "1", SATURDAY_22H, ctx, user(), item(), cat, num));
        final float half = (float) (1 / Math.sqrt(2));
        assertEquals(1f, valueOf(hasher.index("user.occupation", "writer"), groups.id("user.occupation")));
        assertEquals(1f, valueOf(hasher.index("user.age", 5), groups.id("user.age")), "age 34 -> bucket 5");
        assertEquals(half, valueOf(hasher.index("item.genre", "Comedy"), groups.id("item.genre")));
        final float third = (float) (1 / Math.sqrt(3));
        assertEquals(third, valueOf(hasher.index("item.title", "toy"), groups.id("item.title")));
        assertEquals(third, valueOf(hasher.index("item.title", "1995"), groups.id("item.title")));
        assertEquals(1f, valueOf(hasher.index("ctx.device", "mobile"), groups.otherId()), "unlisted -> other");
        assertEquals(half, valueOf(hasher.index("user:item.genre", "42", "Animation"), groups.id("user:item.genre")));
        assertEquals(2, countInGroup("user:item.genre"));
        // numeric: raw value at the group id, in sorted order user.age then ctx.position
        assertEquals(2, num.size());
        assertEquals(groups.id("user.age"), num.index(0));
        assertEquals(34f, num.value(0));
        assertEquals(groups.otherId(), num.index(1));
        assertEquals(3f, num.value(1));
    }

    @Test
    void shouldBeIndependentOfAttributeMapOrder() {
        final Map<String, List<String>> ab = new LinkedHashMap<>();
        ab.put("a", List.of("1"));
        ab.put("b", List.of("2"));
        final Map<String, List<String>> ba = new LinkedHashMap<>();
        ba.put("b", List.of("2"));
        ba.put("a", List.of("1"));
        featurizer.featurize("u", "i", 0L, attrs(ab, Map.of()), null, null, cat, num);
        final SparseFeatures first = cat.copy();
        featurizer.featurize("u", "i", 0L, attrs(ba, Map.of()), null, null, cat, num);
        assertEquals(first, cat);
    }

    @Test
    void shouldHashCrossesAsAFreshFeaturizerDoesWhenTheLeftValueRepeatsOrChanges() {
        final ItemProfile item = item();
        for (final String userId : List.of("42", "42", "7", "42", "1234")) {
            final SparseFeatures fresh = new SparseFeatures(256);
            new Featurizer(config).featurize(userId, "1", SATURDAY_22H, attrs(Map.of(), Map.of()), user(), item,
                fresh, new SparseFeatures(16));
            featurizer.featurize(userId, "1", SATURDAY_22H, attrs(Map.of(), Map.of()), user(), item, cat, num);
            assertEquals(fresh.size(), cat.size());
            for (int j = 0; j < cat.size(); j++) {
                assertEquals(fresh.index(j), cat.index(j), "feature " + j + " of user " + userId);
                assertEquals(fresh.value(j), cat.value(j));
                assertEquals(fresh.group(j), cat.group(j));
            }
            assertEquals(2, countInGroup("user:item.genre"));
            assertEquals(1f / (float) Math.sqrt(2), valueOf(hasher.index("user:item.genre", userId, "Comedy"),
                groups.id("user:item.genre")));
        }
    }

    @Test
    void shouldReportTooManyFeatures() {
        final List<String> many = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            many.add("tag" + k);
        }
        final FeaturizationResult r = featurizer.featurize("u", "i", 0L, attrs(Map.of("tags", many), Map.of()),
            null, null, cat, num);
        assertEquals(FeaturizationResult.TOO_MANY_FEATURES, r);
        assertTrue(!r.fits() && r.reason().contains("too many"));
        assertEquals(RejectReason.TOO_MANY_FEATURES, r.rejectReason());
    }

    @Test
    void shouldRejectNonFiniteNumericAttributes() {
        assertEquals(FeaturizationResult.NON_FINITE_NUMERIC, featurizer.featurize("u", "i", 0L,
            attrs(Map.of(), Map.of("price", Double.NaN)), null, null, cat, num));
        assertEquals(RejectReason.NON_FINITE_VALUE, FeaturizationResult.NON_FINITE_NUMERIC.rejectReason(),
            "the stream and evaluate report the validator's code for a non-finite number");
    }

    @Test
    void shouldBucketNumbersBySignAndLog2() {
        assertEquals(5, Featurizer.numericBucket(34));
        assertEquals(0, Featurizer.numericBucket(0));
        assertEquals(0, Featurizer.numericBucket(0.99));
        assertEquals(1, Featurizer.numericBucket(1));
        assertEquals(-1, Featurizer.numericBucket(-0.5));
        assertEquals(-2, Featurizer.numericBucket(-1));
        assertEquals(10, Featurizer.numericBucket(1997));
    }
}
