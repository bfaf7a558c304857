package dev.streamrec.features;

import dev.streamrec.config.SettingType;
import dev.streamrec.config.SettingValues;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.config.Validator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable, validated featurization settings; the {@code features.*} keys are declared once in {@link #DEFINITION}.
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
    public static final int DEFAULT_HASH_BITS = 20;
    public static final int DEFAULT_SEED = 42;
    public static final int DEFAULT_MAX_FEATURES = 256;
    public static final List<String> DEFAULT_GROUPS = List.of("user", "item", "user.age", "user.gender",
        "user.occupation", "user.zip", "item.genre", "item.year", "item.title", "ctx.hour", "ctx.weekday",
        "user:item.genre", FeatureGroups.OTHER);
    public static final List<Cross> DEFAULT_CROSSES = List.of(new Cross("user", "item.genre"));

    /** Every {@code features.*} setting. */
    public static final SettingsDef<FeatureConfig> DEFINITION = new SettingsDef<>("features.", "featurizer");
    public static final String HASH_BITS = DEFINITION.define("features.hash.bits", SettingType.INT,
        DEFAULT_HASH_BITS, Validator.between(8, 30), "The hashed categorical space has 2^bits buckets; every model "
            + "sized by it follows.", FeatureConfig::hashBits);
    public static final String SEED = DEFINITION.define("features.seed", SettingType.INT, DEFAULT_SEED,
        Validator.ANY, "MurmurHash3 seed; changing it re-hashes every feature, so a model trained with one seed is "
            + "meaningless under another.", FeatureConfig::seed);
    public static final String MAX_PER_EVENT = DEFINITION.define("features.max.per.event", SettingType.INT,
        DEFAULT_MAX_FEATURES, Validator.atLeast(1),
        "Most categorical features one example may have; examples with more are dead-lettered.",
        FeatureConfig::maxFeatures);
    public static final String GROUPS = DEFINITION.define("features.groups", SettingType.STRING_LIST,
        DEFAULT_GROUPS, Validator.nonEmptyList(), "Ordered feature-group names; a group's position is its dense id; "
            + "names not listed map to " + FeatureGroups.OTHER + ", which is appended when missing.",
        FeatureConfig::groups);
    public static final String CROSSES = DEFINITION.define("features.crosses", SettingType.STRING_LIST,
        DEFAULT_CROSSES.stream().map(Cross::name).toList(), Validator.ANY,
        "Feature crosses left:right, each producing group left:right (sources: user, item, user.<attr>, "
            + "item.<attr>, ctx.<attr>).", c -> c.crosses().stream().map(Cross::name).toList());

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

    /** Reads the {@code features.*} keys; absent keys take their defaults, unknown {@code features.*} keys fail. */
    public static FeatureConfig fromProperties(final Map<String, String> props) {
        return fromValues(DEFINITION.parse(props));
    }

    /** The config of parsed {@link #DEFINITION} values. */
    public static FeatureConfig fromValues(final SettingValues v) {
        return new FeatureConfig(v.getInt(HASH_BITS), v.getInt(SEED), v.getInt(MAX_PER_EVENT),
            v.getStringList(GROUPS), v.getStringList(CROSSES).stream().map(Cross::parse).toList());
    }

    /** The {@code features.*} keys that {@link #fromProperties} reads back into an equal config. */
    public Map<String, String> toProperties() {
        return DEFINITION.render(this);
    }

    private static void requireGroupName(final String name, final String what) {
        if (name == null || name.isBlank() || name.indexOf(',') >= 0 || !name.equals(name.trim())) {
            throw new IllegalArgumentException(what + ": invalid group name '" + name + "'");
        }
    }
}
