package dev.streamrec.features;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import java.util.List;
import java.util.Map;

/**
 * Turns one event (ids, event time, context attributes) and the current user and item profiles into the hashed
 * {@code categorical} and raw {@code numeric} features of an {@link Example}, writing into caller-owned buffers.
 *
 * <p>Features, in output order (attributes in sorted key order, so the output is deterministic):
 * <ol>
 *   <li>bias: index {@link #BIAS_INDEX}, value 1, group {@code other};</li>
 *   <li>{@code user} = user id, {@code item} = item id;</li>
 *   <li>per profile (user, then item) and then the context: {@code <p>.<attr>} for each categorical value;
 *       each numeric attribute both raw into {@code numeric} (index = value's group id) and as a categorical
 *       bucket {@code sign(x) * floor(log2(1 + |x|))} (age 34 -> bucket 5);</li>
 *   <li>{@code user.text} and {@code item.title}: lower-cased maximal runs of letters/digits;</li>
 *   <li>{@code ctx.hour} (0-23) and {@code ctx.weekday} (1 = Monday) of the event time in UTC;</li>
 *   <li>each configured cross {@code a:b}: every value of {@code a} with every value of {@code b}.</li>
 * </ol>
 * Values: a group with k values (genres, title tokens, cross pairs) gives each value {@code 1/sqrt(k)}, so every
 * group contributes a unit-norm vector and a movie with five genres does not outweigh one with one genre; single
 * values are 1. The hashed bias index 0 may collide with a hashed feature like any two features may.
 *
 * <p>Not thread-safe (reusable scratch space); each stream task owns one. After warm-up of its small group-name
 * caches it allocates nothing per event beyond what the map iterators of the Avro maps may.
 */
public final class Featurizer {
    /** The fixed index of the always-on bias feature. */
    public static final int BIAS_INDEX = 0;
    private static final int GROUP_CACHE_LIMIT = 4096;

    private final FeatureConfig config;
    private final FeatureGroups groups;
    private final FeatureHasher hasher;
    private final GroupCache userAttrs;
    private final GroupCache itemAttrs;
    private final GroupCache ctxAttrs;
    private final CrossSpec[] crosses;
    private final int userGroup;
    private final int itemGroup;
    private final int userTextGroup;
    private final int itemTitleGroup;
    private final int hourGroup;
    private final int weekdayGroup;
    private String[] keys = new String[16];
    /** Per cross, the last left value hashed and its prefix state (a top-K query crosses one user with every item). */
    private final String[] lastLeft;
    private final long[] lastPrefix;

    public Featurizer(final FeatureConfig config) {
        this.config = config;
        this.groups = FeatureGroups.of(config);
        this.hasher = FeatureHasher.of(config);
        this.userAttrs = new GroupCache("user.");
        this.itemAttrs = new GroupCache("item.");
        this.ctxAttrs = new GroupCache("ctx.");
        this.crosses = config.crosses().stream()
            .map(c -> new CrossSpec(c.name(), groups.id(c.name()), CrossSource.parse(c.left()),
                CrossSource.parse(c.right())))
            .toArray(CrossSpec[]::new);
        this.lastLeft = new String[crosses.length];
        this.lastPrefix = new long[crosses.length];
        this.userGroup = groups.id("user");
        this.itemGroup = groups.id("item");
        this.userTextGroup = groups.id("user.text");
        this.itemTitleGroup = groups.id("item.title");
        this.hourGroup = groups.id("ctx.hour");
        this.weekdayGroup = groups.id("ctx.weekday");
    }

    public FeatureConfig config() {
        return config;
    }

    public FeatureGroups groups() {
        return groups;
    }

    /**
     * Clears both buffers and fills them with the features of one event.
     *
     * @param user profile of the user, or null when none is known yet
     * @param item profile of the item, or null when none is known yet
     * @return {@link FeaturizationResult#OK}, or why the example must be dead-lettered (buffers then incomplete)
     */
    public FeaturizationResult featurize(final String userId, final String itemId, final long eventTime,
                                         final Attributes context, final UserProfile user, final ItemProfile item,
                                         final SparseFeatures categorical, final SparseFeatures numeric) {
        categorical.clear();
        numeric.clear();
        if (!headPart(userId, categorical) || !itemIdPart(itemId, categorical)) {
            return FeaturizationResult.TOO_MANY_FEATURES;
        }
        FeaturizationResult r = userPart(user, categorical, numeric);
        if (r.fits()) {
            r = itemPart(item, categorical, numeric);
        }
        if (r.fits()) {
            r = contextPart(context, categorical, numeric);
        }
        if (!r.fits()) {
            return r;
        }
        if (!timePart(eventTime, categorical)) {
            return FeaturizationResult.TOO_MANY_FEATURES;
        }
        return crossPart(userId, itemId, context, user, item, categorical) ? FeaturizationResult.OK
            : FeaturizationResult.TOO_MANY_FEATURES;
    }

    // The parts of featurize, in output order, for CandidateFeaturizer (which computes each part once and appends).

    /** The bias and the user id. */
    boolean headPart(final String userId, final SparseFeatures categorical) {
        return add(categorical, BIAS_INDEX, 1f, groups.otherId())
            && add(categorical, hasher.index("user", userId), 1f, userGroup);
    }

    /** The item id. */
    boolean itemIdPart(final String itemId, final SparseFeatures categorical) {
        return add(categorical, hasher.index("item", itemId), 1f, itemGroup);
    }

    /** The user profile's attributes and text. */
    FeaturizationResult userPart(final UserProfile user, final SparseFeatures categorical,
                                 final SparseFeatures numeric) {
        final FeaturizationResult r = attributes(user == null ? null : user.getAttributes(), userAttrs, categorical,
            numeric);
        return r.fits() && user != null && user.getText() != null
            ? tokens("user.text", userTextGroup, user.getText(), categorical) : r;
    }

    /** The item profile's attributes and title. */
    FeaturizationResult itemPart(final ItemProfile item, final SparseFeatures categorical,
                                 final SparseFeatures numeric) {
        final FeaturizationResult r = attributes(item == null ? null : item.getAttributes(), itemAttrs, categorical,
            numeric);
        return r.fits() && item != null && item.getTitle() != null
            ? tokens("item.title", itemTitleGroup, item.getTitle(), categorical) : r;
    }

    /** The event context's attributes. */
    FeaturizationResult contextPart(final Attributes context, final SparseFeatures categorical,
                                    final SparseFeatures numeric) {
        return attributes(context, ctxAttrs, categorical, numeric);
    }

    /** The hour and weekday of the event time (UTC). */
    boolean timePart(final long eventTime, final SparseFeatures categorical) {
        final long day = Math.floorDiv(eventTime, 86_400_000L);
        final int hour = (int) (Math.floorMod(eventTime, 86_400_000L) / 3_600_000L);
        final int weekday = (int) Math.floorMod(day + 3, 7L) + 1; // 1970-01-01 was a Thursday (ISO 4)
        return add(categorical, hasher.index("ctx.hour", hour), 1f, hourGroup)
            && add(categorical, hasher.index("ctx.weekday", weekday), 1f, weekdayGroup);
    }

    /** Every configured cross, appended to {@code categorical} (false when they do not fit). */
    boolean crossPart(final String userId, final String itemId, final Attributes context, final UserProfile user,
                      final ItemProfile item, final SparseFeatures categorical) {
        final Attributes userAttributes = user == null ? null : user.getAttributes();
        final Attributes itemAttributes = item == null ? null : item.getAttributes();
        for (int c = 0; c < crosses.length; c++) {
            if (!cross(c, userId, itemId, context, userAttributes, itemAttributes, categorical)) {
                return false;
            }
        }
        return true;
    }

    /** {@code sign(x) * floor(log2(1 + |x|))}, with negative buckets shifted by one so -0.5 and 0.5 differ. */
    public static int numericBucket(final double x) {
        final double m = 1.0 + Math.abs(x);
        final int b = Math.min(Math.getExponent(m), 1023); // floor(log2(m)) for finite m >= 1
        return x < 0 ? -b - 1 : b;
    }

    private FeaturizationResult attributes(final Attributes attrs, final GroupCache cache,
                                           final SparseFeatures categorical, final SparseFeatures numeric) {
        if (attrs == null) {
            return FeaturizationResult.OK;
        }
        final Map<String, List<String>> cat = attrs.getCategorical();
        int n = sortedKeys(cat);
        for (int k = 0; k < n; k++) {
            final GroupRef g = cache.get(keys[k]);
            final List<String> values = cat.get(keys[k]);
            final float v = (float) (1.0 / Math.sqrt(values.size()));
            for (int j = 0; j < values.size(); j++) {
                if (!add(categorical, hasher.index(g.name(), values.get(j)), v, g.id())) {
                    return FeaturizationResult.TOO_MANY_FEATURES;
                }
            }
        }
        final Map<String, Double> num = attrs.getNumeric();
        n = sortedKeys(num);
        for (int k = 0; k < n; k++) {
            final GroupRef g = cache.get(keys[k]);
            final double x = num.get(keys[k]);
            if (!Double.isFinite(x)) {
                return FeaturizationResult.NON_FINITE_NUMERIC;
            }
            if (!numeric.add(g.id(), (float) x, g.id())
                || !add(categorical, hasher.index(g.name(), numericBucket(x)), 1f, g.id())) {
                return FeaturizationResult.TOO_MANY_FEATURES;
            }
        }
        return FeaturizationResult.OK;
    }

    private FeaturizationResult tokens(final String group, final int groupId, final String text,
                                       final SparseFeatures categorical) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            final int start = skipSeparators(text, i);
            final int end = tokenEnd(text, start);
            count += end > start ? 1 : 0;
            i = end;
        }
        if (count == 0) {
            return FeaturizationResult.OK;
        }
        final float v = (float) (1.0 / Math.sqrt(count));
        for (int i = 0; i < text.length(); ) {
            final int start = skipSeparators(text, i);
            final int end = tokenEnd(text, start);
            if (end > start && !add(categorical, hasher.index(group, text, start, end, true), v, groupId)) {
                return FeaturizationResult.TOO_MANY_FEATURES;
            }
            i = end;
        }
        return FeaturizationResult.OK;
    }

    private static int skipSeparators(final String text, final int from) {
        int i = from;
        while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(final String text, final int from) {
        int i = from;
        while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private boolean cross(final int c, final String userId, final String itemId, final Attributes context,
                          final Attributes user, final Attributes item, final SparseFeatures categorical) {
        final CrossSpec cross = crosses[c];
        final int nl = cross.left().count(userId, itemId, context, user, item);
        final int nr = cross.right().count(userId, itemId, context, user, item);
        if (nl == 0 || nr == 0) {
            return true;
        }
        final float v = (float) (1.0 / Math.sqrt((double) nl * nr));
        for (int a = 0; a < nl; a++) {
            final String l = cross.left().value(a, userId, itemId, context, user, item);
            if (!l.equals(lastLeft[c])) { // the hash of "name SEP left SEP" once per left value in a row
                lastLeft[c] = l;
                lastPrefix[c] = hasher.crossPrefix(cross.name(), l);
            }
            final int prefixUnits = cross.name().length() + 2 + l.length();
            for (int b = 0; b < nr; b++) {
                final String r = cross.right().value(b, userId, itemId, context, user, item);
                if (!add(categorical, hasher.crossIndex(lastPrefix[c], prefixUnits, r), v, cross.groupId())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean add(final SparseFeatures categorical, final int index, final float value, final int group) {
        return categorical.size() < config.maxFeatures() && categorical.add(index, value, group);
    }

    /** Copies the map's keys into {@link #keys} in sorted order (insertion sort: maps are small; no allocation). */
    private int sortedKeys(final Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return 0;
        }
        if (keys.length < map.size()) {
            keys = new String[Integer.highestOneBit(map.size()) * 2];
        }
        int n = 0;
        for (final String key : map.keySet()) {
            int j = n++;
            while (j > 0 && keys[j - 1].compareTo(key) > 0) {
                keys[j] = keys[j - 1];
                j--;
            }
            keys[j] = key;
        }
        return n;
    }

    private record GroupRef(String name, int id) {
    }

    private record CrossSpec(String name, int groupId, CrossSource left, CrossSource right) {
    }

    /** Attribute key -> full group name and id for one prefix; bounded so hostile keys cannot grow it forever. */
    private final class GroupCache {
        private final String prefix;
        private final java.util.HashMap<String, GroupRef> refs = new java.util.HashMap<>();

        GroupCache(final String prefix) {
            this.prefix = prefix;
        }

        GroupRef get(final String key) {
            GroupRef ref = refs.get(key);
            if (ref == null) {
                final String name = prefix + key;
                ref = new GroupRef(name, groups.id(name));
                if (refs.size() < GROUP_CACHE_LIMIT) {
                    refs.put(key, ref);
                }
            }
            return ref;
        }
    }
}
