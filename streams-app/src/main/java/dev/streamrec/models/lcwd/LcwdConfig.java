package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Hyper-parameters of LC-W&amp;D, validated on construction. Properties keys (all optional, defaults in brackets):
 * <ul>
 * <li>{@code lcwd.hash.bits} [20]: d = 2^bits hashed feature buckets; feature indices must lie in [0, d)</li>
 * <li>{@code lcwd.feature.groups} [32]: f, the number of feature groups (width of l0); groups in [0, f)</li>
 * <li>{@code lcwd.hidden.sizes} [64,32]: K1, K2, ... dense layer widths after l0 (M2 is f x K1)</li>
 * <li>{@code lcwd.activation} [relu]: relu, tanh or sigmoid</li>
 * <li>{@code lcwd.optimizer} [adam]: deep-part optimiser, sgd, adagrad or adam</li>
 * <li>{@code lcwd.deep.learning.rate} [0.0005]</li>
 * <li>{@code lcwd.wide.ftrl.alpha} [0.2], {@code lcwd.wide.ftrl.beta} [1.0], {@code lcwd.wide.ftrl.l1} [0.1],
 * {@code lcwd.wide.ftrl.l2} [1.0]: FTRL-Proximal of the wide part (LR's tuned values). Measured prequentially on
 * ML-100k (whole-stream click AUC / rating MAE): wide alpha 0.05, l1 0 with deep rate 0.003 gave 0.729 / 0.770;
 * the wide part as LR gave 0.751 / 0.903 (the joint rating head overshoots); with deep rate 0.0005, 0.755 / 0.748,
 * LR being 0.755 / 0.748. See the README's results section for the command.</li>
 * <li>{@code lcwd.batch.size} [256]: examples per deep mini-batch step</li>
 * <li>{@code lcwd.seed} [42]: seed of the dense-layer initialisation</li>
 * <li>{@code lcwd.init.scale} [1.0]: multiplies the Glorot-uniform bound {@code sqrt(6 / (fanIn + fanOut))}</li>
 * <li>{@code lcwd.rating.offset} [3.5]: global mean added to the rating score; {@code lcwd.rating.min} [1.0],
 * {@code lcwd.rating.max} [5.0]: predictions are clamped into this range (training uses the unclamped score)</li>
 * </ul>
 * Unknown {@code lcwd.*} keys are rejected, so a typo fails loudly.
 */
public record LcwdConfig(int hashBits, int featureGroups, List<Integer> hiddenSizes, Activation activation,
                         String optimizer, float deepLearningRate, double ftrlAlpha, double ftrlBeta, double ftrlL1,
                         double ftrlL2, int batchSize, long seed, double initScale, double ratingOffset,
                         double ratingMin, double ratingMax) {
    public static final String PREFIX = "lcwd.";
    public static final String HASH_BITS = "lcwd.hash.bits";
    public static final String FEATURE_GROUPS = "lcwd.feature.groups";
    public static final String HIDDEN_SIZES = "lcwd.hidden.sizes";
    public static final String ACTIVATION = "lcwd.activation";
    public static final String OPTIMIZER = "lcwd.optimizer";
    public static final String DEEP_LEARNING_RATE = "lcwd.deep.learning.rate";
    public static final String FTRL_ALPHA = "lcwd.wide.ftrl.alpha";
    public static final String FTRL_BETA = "lcwd.wide.ftrl.beta";
    public static final String FTRL_L1 = "lcwd.wide.ftrl.l1";
    public static final String FTRL_L2 = "lcwd.wide.ftrl.l2";
    public static final String BATCH_SIZE = "lcwd.batch.size";
    public static final String SEED = "lcwd.seed";
    public static final String INIT_SCALE = "lcwd.init.scale";
    public static final String RATING_OFFSET = "lcwd.rating.offset";
    public static final String RATING_MIN = "lcwd.rating.min";
    public static final String RATING_MAX = "lcwd.rating.max";

    private static final Set<String> KEYS = Set.of(HASH_BITS, FEATURE_GROUPS, HIDDEN_SIZES, ACTIVATION, OPTIMIZER,
        DEEP_LEARNING_RATE, FTRL_ALPHA, FTRL_BETA, FTRL_L1, FTRL_L2, BATCH_SIZE, SEED, INIT_SCALE, RATING_OFFSET,
        RATING_MIN, RATING_MAX);

    public LcwdConfig {
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

    /** The defaults listed in the class comment. */
    public static LcwdConfig defaults() {
        return new LcwdConfig(20, 32, List.of(64, 32), Activation.RELU, "adam", 0.0005f, 0.2, 1.0, 0.1, 1.0, 256,
            42L, 1.0, 3.5, 1.0, 5.0);
    }

    /** Reads the {@code lcwd.*} keys of {@code props}; missing keys take their default, unknown ones are rejected. */
    public static LcwdConfig fromProperties(final Properties props) {
        for (final String key : props.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown LC-W&D config key '" + key + "'; known keys: " + KEYS);
            }
        }
        final LcwdConfig d = defaults();
        return new LcwdConfig(
            get(props, HASH_BITS, Integer::parseInt, d.hashBits),
            get(props, FEATURE_GROUPS, Integer::parseInt, d.featureGroups),
            get(props, HIDDEN_SIZES, LcwdConfig::parseSizes, d.hiddenSizes),
            get(props, ACTIVATION, Activation::parse, d.activation),
            get(props, OPTIMIZER, String::trim, d.optimizer),
            get(props, DEEP_LEARNING_RATE, Float::parseFloat, d.deepLearningRate),
            get(props, FTRL_ALPHA, Double::parseDouble, d.ftrlAlpha),
            get(props, FTRL_BETA, Double::parseDouble, d.ftrlBeta),
            get(props, FTRL_L1, Double::parseDouble, d.ftrlL1),
            get(props, FTRL_L2, Double::parseDouble, d.ftrlL2),
            get(props, BATCH_SIZE, Integer::parseInt, d.batchSize),
            get(props, SEED, Long::parseLong, d.seed),
            get(props, INIT_SCALE, Double::parseDouble, d.initScale),
            get(props, RATING_OFFSET, Double::parseDouble, d.ratingOffset),
            get(props, RATING_MIN, Double::parseDouble, d.ratingMin),
            get(props, RATING_MAX, Double::parseDouble, d.ratingMax));
    }

    /** Every key, so that {@code fromProperties(toProperties())} equals this config. */
    public Properties toProperties() {
        final Properties p = new Properties();
        p.setProperty(HASH_BITS, Integer.toString(hashBits));
        p.setProperty(FEATURE_GROUPS, Integer.toString(featureGroups));
        final StringBuilder sizes = new StringBuilder();
        for (final int size : hiddenSizes) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(size);
        }
        p.setProperty(HIDDEN_SIZES, sizes.toString());
        p.setProperty(ACTIVATION, activation.key());
        p.setProperty(OPTIMIZER, optimizer);
        p.setProperty(DEEP_LEARNING_RATE, Float.toString(deepLearningRate));
        p.setProperty(FTRL_ALPHA, Double.toString(ftrlAlpha));
        p.setProperty(FTRL_BETA, Double.toString(ftrlBeta));
        p.setProperty(FTRL_L1, Double.toString(ftrlL1));
        p.setProperty(FTRL_L2, Double.toString(ftrlL2));
        p.setProperty(BATCH_SIZE, Integer.toString(batchSize));
        p.setProperty(SEED, Long.toString(seed));
        p.setProperty(INIT_SCALE, Double.toString(initScale));
        p.setProperty(RATING_OFFSET, Double.toString(ratingOffset));
        p.setProperty(RATING_MIN, Double.toString(ratingMin));
        p.setProperty(RATING_MAX, Double.toString(ratingMax));
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
            ftrlAlpha, ftrlBeta, ftrlL1, ftrlL2, newBatchSize, seed, initScale, ratingOffset, ratingMin, ratingMax);
    }

    private static List<Integer> parseSizes(final String text) {
        final List<Integer> sizes = new ArrayList<>();
        for (final String part : text.split(",")) {
            sizes.add(Integer.parseInt(part.trim()));
        }
        return sizes;
    }

    private static <T> T get(final Properties props, final String key, final Function<String, T> parser,
                             final T fallback) {
        final String raw = props.getProperty(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw.trim());
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + raw + "' for " + key + ": " + e.getMessage(), e);
        }
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
