package dev.streamrec.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable, validated featurization settings.
 *
 * @param hashBits    size of the hashed categorical space is {@code 2^hashBits}; 8..30 (default 20)
 * @param seed        MurmurHash3 seed (default 42); changing it re-hashes every feature, so a model trained with one
 *                    seed is meaningless under another
 * @param maxFeatures most categorical features one example may have (default 256); examples with more are rejected
 * @param groups      ordered feature-group names; a group's position is its dense id; names not listed map to
 *                    {@link FeatureGroups#OTHER}, which is appended when missing
 * @param crosses     feature crosses, each producing group {@code left:right}
 */
public record FeatureConfig(int hashBits, int seed, int maxFeatures, List<String> groups, List<Cross> crosses) {
    public static final String HASH_BITS = "features.hash.bits";
    public static final String SEED = "features.seed";
    public static final String MAX_PER_EVENT = "features.max.per.event";
    public static final String GROUPS = "features.groups";
    public static final String CROSSES = "features.crosses";

    public static final int DEFAULT_HASH_BITS = 20;
    public static final int DEFAULT_SEED = 42;
    public static final int DEFAULT_MAX_FEATURES = 256;
    public static final List<String> DEFAULT_GROUPS = List.of("user", "item", "user.age", "user.gender",
        "user.occupation", "user.zip", "item.genre", "item.year", "item.title", "ctx.hour", "ctx.weekday",
        "user:item.genre", FeatureGroups.OTHER);
    public static final List<Cross> DEFAULT_CROSSES = List.of(new Cross("user", "item.genre"));

    /**
     * A cross of two source groups: every value of {@code left} combined with every value of {@code right}.
     * Sources are {@code user}, {@code item}, or {@code user.<attr>}, {@code item.<attr>}, {@code ctx.<attr>} naming a
     * categorical attribute.
     */
    public record Cross(String left, String right) {
        public Cross {
            requireGroupName(left, "cross left");
            requireGroupName(right, "cross right");
            if (left.indexOf(':') >= 0 || right.indexOf(':') >= 0) {
                throw new IllegalArgumentException("cross sides must not contain ':', got " + left + " / " + right);
            }
        }

        /** The group name of the crossed feature, {@code left:right}. */
        public String name() {
            return left + ':' + right;
        }

        /** Parses {@code left:right}. */
        public static Cross parse(final String text) {
            final int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("cross must look like 'a:b', got '" + text + "'");
            }
            return new Cross(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
        }
    }

    public FeatureConfig {
        if (hashBits < 8 || hashBits > 30) {
            throw new IllegalArgumentException(HASH_BITS + " must be in 8..30, got " + hashBits);
        }
        if (maxFeatures < 1) {
            throw new IllegalArgumentException(MAX_PER_EVENT + " must be positive, got " + maxFeatures);
        }
        groups = List.copyOf(groups);
        crosses = List.copyOf(crosses);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(GROUPS + " must not be empty");
        }
        final Set<String> seen = new HashSet<>();
        for (final String g : groups) {
            requireGroupName(g, GROUPS);
            if (!seen.add(g)) {
                throw new IllegalArgumentException(GROUPS + " lists '" + g + "' twice");
            }
        }
    }

    /** All defaults. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(DEFAULT_HASH_BITS, DEFAULT_SEED, DEFAULT_MAX_FEATURES, DEFAULT_GROUPS,
            DEFAULT_CROSSES);
    }

    /** Size of the hashed categorical space, {@code 2^hashBits}. */
    public int dimension() {
        return 1 << hashBits;
    }

    /** Reads the {@code features.*} keys; absent keys take their defaults, unknown keys are ignored. */
    public static FeatureConfig fromProperties(final Map<String, String> props) {
        return new FeatureConfig(
            parseInt(props, HASH_BITS, DEFAULT_HASH_BITS),
            parseInt(props, SEED, DEFAULT_SEED),
            parseInt(props, MAX_PER_EVENT, DEFAULT_MAX_FEATURES),
            props.containsKey(GROUPS) ? splitList(props.get(GROUPS)) : DEFAULT_GROUPS,
            props.containsKey(CROSSES) ? splitList(props.get(CROSSES)).stream().map(Cross::parse).toList()
                : DEFAULT_CROSSES);
    }

    /** The {@code features.*} keys that {@link #fromProperties} reads back into an equal config. */
    public Map<String, String> toProperties() {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put(HASH_BITS, Integer.toString(hashBits));
        props.put(SEED, Integer.toString(seed));
        props.put(MAX_PER_EVENT, Integer.toString(maxFeatures));
        props.put(GROUPS, String.join(",", groups));
        props.put(CROSSES, String.join(",", crosses.stream().map(Cross::name).toList()));
        return props;
    }

    private static void requireGroupName(final String name, final String what) {
        if (name == null || name.isBlank() || name.indexOf(',') >= 0 || !name.equals(name.trim())) {
            throw new IllegalArgumentException(what + ": invalid group name '" + name + "'");
        }
    }

    private static int parseInt(final Map<String, String> props, final String key, final int def) {
        final String v = props.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'", e);
        }
    }

    private static List<String> splitList(final String csv) {
        final List<String> out = new ArrayList<>();
        for (final String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
