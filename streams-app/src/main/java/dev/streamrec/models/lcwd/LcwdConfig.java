package dev.streamrec.models.lcwd;

import dev.streamrec.config.SettingType;
import dev.streamrec.config.SettingValues;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.config.Validator;
import dev.streamrec.models.nn.Activation;
import dev.streamrec.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Hyper-parameters of LC-W&amp;D, validated on construction. The {@code lcwd.*} keys are declared once in
 * {@link #DEFINITION} (type, default, validator, doc; listed in {@code docs/configuration.md}); the hashed space, the
 * number of feature groups and the rating range are the featurizer's and the validator's, refused as user settings.
 * How the defaults were chosen is in {@code docs/model-tuning.md}.
 */
public record LcwdConfig(int hashBits, int featureGroups, List<Integer> hiddenSizes, Activation activation,
                         String optimizer, float deepLearningRate, double ftrlAlpha, double ftrlBeta, double ftrlL1,
                         double ftrlL2, int batchSize, long seed, double initScale, double ratingOffset,
                         double ratingMin, double ratingMax, int factorDim, float factorLearningRate,
                         float factorInit, float factorL2, List<Integer> factorUserGroups,
                         List<Integer> factorItemGroups) {
    public static final String PREFIX = "lcwd.";
    /** Every {@code lcwd.*} setting. */
    public static final SettingsDef<LcwdConfig> DEFINITION = new SettingsDef<>(PREFIX, "LC-W&D");
    public static final String HASH_BITS = DEFINITION.defineOwned("lcwd.hash.bits", SettingType.INT, 20,
        "features.hash.bits", "d = 2^bits hashed feature buckets; feature indices lie in [0, d).",
        LcwdConfig::hashBits);
    public static final String FEATURE_GROUPS = DEFINITION.defineOwned("lcwd.feature.groups", SettingType.INT, 32,
        "the number of features.groups", "f, the number of feature groups (width of l0).",
        LcwdConfig::featureGroups);
    public static final String HIDDEN_SIZES = DEFINITION.define("lcwd.hidden.sizes", SettingType.INT_LIST,
        List.of(64, 32), Validator.nonEmptyListBetween(1, 8192),
        "K1, K2, ... dense layer widths after l0 (M2 is f x K1); 1 to 16 layers.", LcwdConfig::hiddenSizes);
    public static final String ACTIVATION = DEFINITION.define("lcwd.activation", SettingType.STRING, "relu",
        Validator.oneOf("relu", "tanh", "sigmoid"), "Activation of the dense layers.", c -> c.activation().key());
    public static final String OPTIMIZER = DEFINITION.define("lcwd.optimizer", SettingType.STRING, "adam",
        Validator.oneOf("sgd", "adagrad", "adam"), "Optimiser of the deep part.", LcwdConfig::optimizer);
    public static final String DEEP_LEARNING_RATE = DEFINITION.define("lcwd.deep.learning.rate", SettingType.FLOAT,
        0.0005f, Validator.above(0), "Step size of the deep part's optimiser.", LcwdConfig::deepLearningRate);
    public static final String FTRL_ALPHA = DEFINITION.define("lcwd.wide.ftrl.alpha", SettingType.DOUBLE, 0.2,
        Validator.above(0), "FTRL-Proximal alpha of the wide part (LR's tuned value).", LcwdConfig::ftrlAlpha);
    public static final String FTRL_BETA = DEFINITION.define("lcwd.wide.ftrl.beta", SettingType.DOUBLE, 1.0,
        Validator.atLeast(0), "FTRL-Proximal beta of the wide part.", LcwdConfig::ftrlBeta);
    public static final String FTRL_L1 = DEFINITION.define("lcwd.wide.ftrl.l1", SettingType.DOUBLE, 0.1,
        Validator.atLeast(0), "FTRL-Proximal L1 of the wide part.", LcwdConfig::ftrlL1);
    public static final String FTRL_L2 = DEFINITION.define("lcwd.wide.ftrl.l2", SettingType.DOUBLE, 1.0,
        Validator.atLeast(0), "FTRL-Proximal L2 of the wide part.", LcwdConfig::ftrlL2);
    public static final String BATCH_SIZE = DEFINITION.define("lcwd.batch.size", SettingType.INT, 256,
        Validator.between(1, 65_536), "Examples per deep mini-batch step.", LcwdConfig::batchSize);
    public static final String SEED = DEFINITION.define("lcwd.seed", SettingType.LONG, 42L, Validator.ANY,
        "Seed of the dense-layer initialisation.", LcwdConfig::seed);
    public static final String INIT_SCALE = DEFINITION.define("lcwd.init.scale", SettingType.DOUBLE, 1.0,
        Validator.above(0), "Multiplies the Glorot-uniform bound sqrt(6 / (fanIn + fanOut)).",
        LcwdConfig::initScale);
    public static final String RATING_OFFSET = DEFINITION.define("lcwd.rating.offset", SettingType.DOUBLE, 3.5,
        Validator.finiteNumber(), "Global mean added to the rating score.", LcwdConfig::ratingOffset);
    public static final String RATING_MIN = DEFINITION.defineOwned("lcwd.rating.min", SettingType.DOUBLE, 1.0,
        "streamrec.rating.min", "Predictions are clamped into [min, max]; training uses the unclamped score.",
        LcwdConfig::ratingMin);
    public static final String RATING_MAX = DEFINITION.defineOwned("lcwd.rating.max", SettingType.DOUBLE, 5.0,
        "streamrec.rating.max", "Upper end of the prediction range.", LcwdConfig::ratingMax);

    public static final String FACTOR_DIM = DEFINITION.define("lcwd.factor.dim", SettingType.INT, 16,
        Validator.atLeast(0), "Width of the factorization term added to the wide part (user side . item side, "
            + "models.FieldFactorization, learned per event); 0 for the paper's LC-W&D without it.",
        LcwdConfig::factorDim);
    public static final String FACTOR_LEARNING_RATE = DEFINITION.define("lcwd.factor.learning.rate",
        SettingType.FLOAT, 0.05f, Validator.above(0), "AdaGrad step size of the factorization term.",
        LcwdConfig::factorLearningRate);
    public static final String FACTOR_INIT = DEFINITION.define("lcwd.factor.init", SettingType.FLOAT, 0.01f,
        Validator.atLeast(0), "User-side factorization vectors start uniform in [-init, init] (item side at 0).",
        LcwdConfig::factorInit);
    public static final String FACTOR_L2 = DEFINITION.define("lcwd.factor.l2", SettingType.FLOAT, 0.001f,
        Validator.atLeast(0), "L2 strength on the factorization vectors.", LcwdConfig::factorL2);
    public static final String FACTOR_USER_GROUPS = DEFINITION.defineOwned("lcwd.factor.user.groups",
        SettingType.INT_LIST, List.of(), "the user groups of features.groups (crosses left out)",
        "Groups pooled into the factorization term's user-side vector.", LcwdConfig::factorUserGroups);
    public static final String FACTOR_ITEM_GROUPS = DEFINITION.defineOwned("lcwd.factor.item.groups",
        SettingType.INT_LIST, List.of(), "the item groups of features.groups (crosses left out)",
        "Groups pooled into the factorization term's item-side vector.", LcwdConfig::factorItemGroups);

    /** The paper's LC-W&amp;D, without the factorization term (tests and benchmarks). */
    public LcwdConfig(final int hashBits, final int featureGroups, final List<Integer> hiddenSizes,
                      final Activation activation, final String optimizer, final float deepLearningRate,
                      final double ftrlAlpha, final double ftrlBeta, final double ftrlL1, final double ftrlL2,
                      final int batchSize, final long seed, final double initScale, final double ratingOffset,
                      final double ratingMin, final double ratingMax) {
        this(hashBits, featureGroups, hiddenSizes, activation, optimizer, deepLearningRate, ftrlAlpha, ftrlBeta,
            ftrlL1, ftrlL2, batchSize, seed, initScale, ratingOffset, ratingMin, ratingMax, 0, 0.05f, 0.01f, 0.001f,
            List.of(), List.of());
    }

    public LcwdConfig {
        factorUserGroups = List.copyOf(factorUserGroups);
        factorItemGroups = List.copyOf(factorItemGroups);
        require(hashBits >= 1 && hashBits <= 30, HASH_BITS + " must be in [1, 30], got " + hashBits);
        require(featureGroups >= 1 && featureGroups <= 65_536,
            FEATURE_GROUPS + " must be in [1, 65536], got " + featureGroups);
        hiddenSizes = List.copyOf(hiddenSizes);
        require(!hiddenSizes.isEmpty() && hiddenSizes.size() <= 16,
            HIDDEN_SIZES + " needs 1 to 16 layers, got " + hiddenSizes);
        for (final int size : hiddenSizes) {
            require(size >= 1 && size <= 8192, HIDDEN_SIZES + " entries must be in [1, 8192], got " + hiddenSizes);
        }
        require(activation != null, ACTIVATION + " must be set");
        require(optimizer != null, OPTIMIZER + " must be set");
        try {
            Optimizer.of(optimizer, deepLearningRate);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(OPTIMIZER + "=" + optimizer + ", " + DEEP_LEARNING_RATE + "="
                + deepLearningRate + ": " + e.getMessage(), e);
        }
        require(ftrlAlpha > 0.0 && Double.isFinite(ftrlAlpha), FTRL_ALPHA + " must be positive, got " + ftrlAlpha);
        require(ftrlBeta >= 0.0 && Double.isFinite(ftrlBeta), FTRL_BETA + " must be >= 0, got " + ftrlBeta);
        require(ftrlL1 >= 0.0 && Double.isFinite(ftrlL1), FTRL_L1 + " must be >= 0, got " + ftrlL1);
        require(ftrlL2 >= 0.0 && Double.isFinite(ftrlL2), FTRL_L2 + " must be >= 0, got " + ftrlL2);
        require(batchSize >= 1 && batchSize <= 65_536, BATCH_SIZE + " must be in [1, 65536], got " + batchSize);
        require(initScale > 0.0 && Double.isFinite(initScale), INIT_SCALE + " must be positive, got " + initScale);
        require(Double.isFinite(ratingOffset), RATING_OFFSET + " must be finite, got " + ratingOffset);
        require(Double.isFinite(ratingMin) && Double.isFinite(ratingMax) && ratingMin < ratingMax,
            "need finite " + RATING_MIN + " < " + RATING_MAX + ", got " + ratingMin + " and " + ratingMax);
    }

    /** Every setting's default. */
    public static LcwdConfig defaults() {
        return fromValues(DEFINITION.parse(Map.of()));
    }

    /**
     * Reads the {@code lcwd.*} keys of {@code props}, the owned ones included (what {@link #toProperties} wrote);
     * missing keys take their default, unknown ones are rejected with the nearest key suggested.
     */
    public static LcwdConfig fromProperties(final Properties props) {
        return fromValues(DEFINITION.parse(props));
    }

    /** The config of parsed {@link #DEFINITION} values. */
    public static LcwdConfig fromValues(final SettingValues v) {
        return new LcwdConfig(v.getInt(HASH_BITS), v.getInt(FEATURE_GROUPS), v.getIntList(HIDDEN_SIZES),
            Activation.parse(v.getString(ACTIVATION)), v.getString(OPTIMIZER), v.getFloat(DEEP_LEARNING_RATE),
            v.getDouble(FTRL_ALPHA), v.getDouble(FTRL_BETA), v.getDouble(FTRL_L1), v.getDouble(FTRL_L2),
            v.getInt(BATCH_SIZE), v.getLong(SEED), v.getDouble(INIT_SCALE), v.getDouble(RATING_OFFSET),
            v.getDouble(RATING_MIN), v.getDouble(RATING_MAX), v.getInt(FACTOR_DIM), v.getFloat(FACTOR_LEARNING_RATE),
            v.getFloat(FACTOR_INIT), v.getFloat(FACTOR_L2), v.getIntList(FACTOR_USER_GROUPS),
            v.getIntList(FACTOR_ITEM_GROUPS));
    }

    /** Every key, so that {@code fromProperties(toProperties())} equals this config. */
    public Properties toProperties() {
        final Properties p = new Properties();
        p.putAll(DEFINITION.render(this));
        return p;
    }

    /** A fresh deep-part optimiser configured from {@link #optimizer} and {@link #deepLearningRate}. */
    public Optimizer deepOptimizer() {
        return Optimizer.of(optimizer, deepLearningRate);
    }

    /** d = 2^hashBits. */
    public int dimension() {
        return 1 << hashBits;
    }

    /** Copy with another batch size (tests and benchmarks). */
    public LcwdConfig withBatchSize(final int newBatchSize) {
        return new LcwdConfig(hashBits, featureGroups, hiddenSizes, activation, optimizer, deepLearningRate,
            ftrlAlpha, ftrlBeta, ftrlL1, ftrlL2, newBatchSize, seed, initScale, ratingOffset, ratingMin, ratingMax,
            factorDim, factorLearningRate, factorInit, factorL2, factorUserGroups, factorItemGroups);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
