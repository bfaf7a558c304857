package dev.streamrec.models.deepmix;

import dev.streamrec.config.SettingType;
import dev.streamrec.config.SettingValues;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.config.Validator;

import java.util.List;
import java.util.Locale;

/**
 * The {@code deepmix.*} settings of {@link DeepMixConfig}, each declared once with type, default, validator and doc.
 * Settings marked owned are set from the featurizer and the validator ({@link DeepMixProvider}) and refused as
 * user overrides.
 */
public final class DeepMixSettings {
    private static final String GROUPS = "the number of features.groups";
    private static final String SOLVERS = "sgd, adagrad or adam";

    /** Every {@code deepmix.*} setting. */
    public static final SettingsDef<DeepMixConfig> DEFINITION = new SettingsDef<>("deepmix.", "DeepMix");
    public static final String EMBEDDING_DIM = DEFINITION.define("deepmix.embedding.dim", SettingType.INT, 16,
        Validator.atLeast(1), "Width of every hashed embedding row.", DeepMixConfig::embeddingDim);
    public static final String CATEGORICAL_GROUPS = DEFINITION.defineOwned("deepmix.categorical.groups",
        SettingType.INT, 8, GROUPS, "Number of categorical feature groups, ids 0..n-1 (one embedding table each).",
        DeepMixConfig::categoricalGroups);
    public static final String NUMERIC_GROUPS = DEFINITION.defineOwned("deepmix.numeric.groups", SettingType.INT, 0,
        GROUPS, "Number of numeric feature slots, by group id.", DeepMixConfig::numericGroups);
    public static final String USER_GROUP = DEFINITION.defineOwned("deepmix.user.group", SettingType.INT, 0,
        "the position of 'user' in features.groups",
        "The categorical group holding the user id; its pooled embedding feeds item histories.",
        DeepMixConfig::userGroup);
    public static final String ITEM_GROUPS = DEFINITION.defineOwned("deepmix.item.groups", SettingType.INT_LIST,
        List.of(1), "the item groups of features.groups (item.genre and crosses left out)",
        "Categorical groups describing an item, the input of the genre tower.", DeepMixConfig::itemGroups);
    public static final String DNN_HIDDEN = DEFINITION.define("deepmix.dnn.hidden", SettingType.INT_LIST,
        List.of(128, 64), Validator.nonEmptyListBetween(1, Integer.MAX_VALUE),
        "DNN layer widths; for residual units the inner widths.", DeepMixConfig::hiddenSizes);
    public static final String DNN_KIND = DEFINITION.define("deepmix.dnn.kind", SettingType.STRING, "plain",
        Validator.oneOf("plain", "residual"), "Plain ReLU layers, or Deep Crossing's residual units ReLU(F(x) + x).",
        c -> c.dnnKind().name().toLowerCase(Locale.ROOT));
    public static final String WIRING = DEFINITION.define("deepmix.wiring", SettingType.STRING, "stacked",
        Validator.oneOf("stacked", "parallel"),
        "stacked: DNN then CrossNetMix (the paper); parallel: DCN-V2's cross net beside the DNN.",
        c -> c.wiring().name().toLowerCase(Locale.ROOT));
    public static final String CROSS_LAYERS = DEFINITION.define("deepmix.cross.layers", SettingType.INT, 2,
        Validator.atLeast(0), "CrossNetMix layers L.", DeepMixConfig::crossLayers);
    public static final String CROSS_EXPERTS = DEFINITION.define("deepmix.cross.experts", SettingType.INT, 4,
        Validator.atLeast(1), "Low-rank experts per cross layer K.", DeepMixConfig::experts);
    public static final String CROSS_RANK = DEFINITION.define("deepmix.cross.rank", SettingType.INT, 32,
        Validator.atLeast(1), "Expert rank r, clamped to the cross width.", DeepMixConfig::rank);
    public static final String OPTIMIZER = DEFINITION.define("deepmix.optimizer", SettingType.STRING, "adam",
        Validator.oneOf("sgd", "adagrad", "adam"), "Optimiser of the dense tensors: " + SOLVERS + ".",
        DeepMixConfig::optimizer);
    public static final String LEARNING_RATE = DEFINITION.define("deepmix.learning.rate", SettingType.FLOAT, 0.003f,
        Validator.above(0), "Step size of the dense tensors.", DeepMixConfig::learningRate);
    public static final String BATCH_SIZE = DEFINITION.define("deepmix.batch.size", SettingType.INT, 32,
        Validator.atLeast(1), "Events per mini-batch step.", DeepMixConfig::batchSize);
    public static final String ITEM_BATCH_SIZE = DEFINITION.define("deepmix.item.batch.size", SettingType.INT, 32,
        Validator.atLeast(1), "Item examples per genre step.", DeepMixConfig::itemBatchSize);
    public static final String SEED = DEFINITION.define("deepmix.seed", SettingType.LONG, 42L, Validator.ANY,
        "Seed of every initialisation.", DeepMixConfig::seed);
    public static final String RATING_MIN = DEFINITION.defineOwned("deepmix.rating.min", SettingType.DOUBLE, 1.0,
        "streamrec.rating.min", "Lowest rating; predictions are clamped into [min, max].", DeepMixConfig::ratingMin);
    public static final String RATING_MAX = DEFINITION.defineOwned("deepmix.rating.max", SettingType.DOUBLE, 5.0,
        "streamrec.rating.max", "Highest rating.", DeepMixConfig::ratingMax);
    public static final String GENRE_LABELS = DEFINITION.define("deepmix.genre.labels", SettingType.STRING_LIST,
        DeepMixConfig.MOVIELENS_GENRES, Validator.nonEmptyList(),
        "Label vocabulary of the genre head (default: MovieLens' 18 genres).", DeepMixConfig::genreLabels);
    public static final String ITEM_VECTORS_NPY = DEFINITION.define("deepmix.item.vectors.npy", SettingType.STRING,
        "", Validator.ANY, "Optional .npy file of dense item vectors; empty for none.", DeepMixConfig::itemVectorsNpy);
    public static final String ITEM_VECTORS_IDS = DEFINITION.define("deepmix.item.vectors.ids", SettingType.STRING,
        "", Validator.ANY, "Item ids, one a line, aligned with the .npy rows (set with deepmix.item.vectors.npy).",
        DeepMixConfig::itemVectorIds);
    public static final String DOUBLE_PRECISION = DEFINITION.define("deepmix.double.precision", SettingType.BOOLEAN,
        false, Validator.ANY, "Run the dense math in float64 (for gradient checks).", DeepMixConfig::doublePrecision);
    public static final String GENRE_GROUP = DEFINITION.defineOwned("deepmix.genre.group", SettingType.INT, -1,
        "the position of item.genre in features.groups (-1 without it)",
        "The categorical group that carries the item's labels (genres); -1 leaves the genre head unwired.",
        DeepMixConfig::genreGroup);
    public static final String GENRE_LABEL_INDICES = DEFINITION.defineOwned("deepmix.genre.label.indices",
        SettingType.INT_LIST, List.of(), "the featurizer's hash of each deepmix.genre.labels entry in item.genre",
        "The hashed feature index of each genre label in the genre group, same order.",
        DeepMixConfig::genreLabelIndices);
    public static final String GENRE_EVERY = DEFINITION.define("deepmix.genre.every", SettingType.INT, 5,
        Validator.atLeast(1), "An event learns its item's genres when the item's count of learned events, this one "
            + "included, is a multiple of this.", DeepMixConfig::genreEvery);
    public static final String NUMERIC_CLIP = DEFINITION.define("deepmix.numeric.clip", SettingType.DOUBLE, 5.0,
        Validator.atLeast(0), "Standardized numerics are clipped into [-clip, clip]; 0 for no clipping.",
        DeepMixConfig::numericClip);
    public static final String EMBEDDING_LEARNING_RATE = DEFINITION.define("deepmix.embedding.learning.rate",
        SettingType.FLOAT, 0.05f, Validator.atLeast(0),
        "Step size of the embedding rows; 0 for deepmix.learning.rate.", DeepMixConfig::embeddingLearningRate);
    public static final String EMBEDDING_OPTIMIZER = DEFINITION.define("deepmix.embedding.optimizer",
        SettingType.STRING, "", Validator.emptyOrOneOf("sgd", "adagrad", "adam"),
        "Optimiser of the embedding rows; empty for deepmix.optimizer.", DeepMixConfig::embeddingOptimizer);
    public static final String HASH_BITS = DEFINITION.defineOwned("deepmix.hash.bits", SettingType.INT, 20,
        "features.hash.bits", "The hashed categorical space is 2^bits.", DeepMixConfig::hashBits);
    public static final String WIDE_ALPHA = DEFINITION.define("deepmix.wide.alpha", SettingType.DOUBLE, 0.2,
        Validator.atLeast(0), "FTRL alpha of the first-order part; 0 for none.", DeepMixConfig::wideAlpha);
    public static final String WIDE_L1 = DEFINITION.define("deepmix.wide.l1", SettingType.DOUBLE, 0.1,
        Validator.atLeast(0), "FTRL L1 of the first-order part.", DeepMixConfig::wideL1);
    public static final String EMBEDDING_ADAGRAD_INITIAL = DEFINITION.define("deepmix.embedding.adagrad.initial",
        SettingType.FLOAT, 0.1f, Validator.atLeast(0), "AdaGrad's initial accumulator for embedding rows.",
        DeepMixConfig::embeddingAccumulator);
    public static final String GENRE_THRESHOLDS = DEFINITION.define("deepmix.genre.thresholds", SettingType.BOOLEAN,
        true, Validator.ANY, "Per-label decision thresholds learned online (LabelThresholds) instead of 0.5.",
        DeepMixConfig::genreThresholds);

    public static final String FACTOR_DIM = DEFINITION.define("deepmix.factor.dim", SettingType.INT, 16,
        Validator.atLeast(0), "Width of the factorization part's vectors (user side . item side, learned per "
            + "event); 0 for none.", DeepMixConfig::factorDim);
    public static final String FACTOR_LEARNING_RATE = DEFINITION.define("deepmix.factor.learning.rate",
        SettingType.FLOAT, 0.05f, Validator.above(0), "AdaGrad step size of the factorization part.",
        DeepMixConfig::factorLearningRate);
    public static final String FACTOR_INIT = DEFINITION.define("deepmix.factor.init", SettingType.FLOAT, 0.01f,
        Validator.atLeast(0), "Factorization vectors start uniform in [-init, init].", DeepMixConfig::factorInit);
    public static final String FACTOR_L2 = DEFINITION.define("deepmix.factor.l2", SettingType.FLOAT, 0.001f,
        Validator.atLeast(0), "L2 strength on the factorization vectors (added to each step's gradient).",
        DeepMixConfig::factorL2);
    public static final String FACTOR_ADAGRAD_INITIAL = DEFINITION.define("deepmix.factor.adagrad.initial",
        SettingType.FLOAT, 0.1f, Validator.atLeast(0), "AdaGrad's initial accumulator for factorization vectors.",
        DeepMixConfig::factorAccumulator);
    public static final String FACTOR_ATTRIBUTES = DEFINITION.define("deepmix.factor.attributes",
        SettingType.BOOLEAN, true, Validator.ANY, "The factorization part pools the user's and the item's attribute "
            + "features too (a factorization machine's user x item block); false for the ids alone (matrix "
            + "factorization).", DeepMixConfig::factorAttributes);
    public static final String FACTOR_USER_GROUPS = DEFINITION.defineOwned("deepmix.factor.user.groups",
        SettingType.INT_LIST, List.of(0), "the user groups of features.groups (crosses left out)",
        "Categorical groups pooled into the factorization part's user-side vector.",
        DeepMixConfig::factorUserGroups);
    public static final String FACTOR_ITEM_GROUPS = DEFINITION.defineOwned("deepmix.factor.item.groups",
        SettingType.INT_LIST, List.of(1), "the item groups of features.groups, item.genre included (crosses left out)",
        "Categorical groups pooled into the factorization part's item-side vector.",
        DeepMixConfig::factorItemGroups);
    public static final String FACTOR_STEP_BOUND = DEFINITION.define("deepmix.factor.step.bound", SettingType.FLOAT,
        0.25f, Validator.atLeast(0), "An event's factorization step moves its own score by at most this fraction of "
            + "the one-example Newton step (|dL/dz| / curvature); 0 for the plain AdaGrad step.",
        DeepMixConfig::factorStepBound);
    public static final String SHALLOW_OWN_SCORE = DEFINITION.define("deepmix.shallow.own.score", SettingType.BOOLEAN,
        true, Validator.ANY, "The first-order and factorization parts learn on their own score (mean rating + "
            + "first-order + factorization) rather than on the joint score; the deep part always learns on the joint "
            + "score.", DeepMixConfig::shallowOwnScore);
    /**
     * The largest history either side may keep: each owner's history is one row of 1 + 2 cap floats, so a cap far
     * beyond this would make every user (or item) cost megabytes and can overflow the row table's int indices.
     */
    static final int MAX_HISTORY = 10_000;
    public static final String FACTOR_HISTORY = DEFINITION.define("deepmix.factor.history", SettingType.INT, 50,
        Validator.between(0, MAX_HISTORY), "SVD++ implicit feedback in the factorization part: the user side also "
            + "pools, scaled by |N(u)|^-1/2, a learned vector per item of the user's last this many distinct items; 0 "
            + "for none.",
        DeepMixConfig::factorHistory);
    public static final String FACTOR_ITEM_HISTORY = DEFINITION.define("deepmix.factor.item.history",
        SettingType.INT, 50, Validator.between(0, MAX_HISTORY), "The item-side mirror of deepmix.factor.history: the "
            + "item side also pools, scaled by |N(i)|^-1/2, a learned vector per user of the item's last this many "
            + "distinct users; 0 for none.", DeepMixConfig::factorItemHistory);
    public static final String GENRE_AUDIENCE = DEFINITION.define("deepmix.genre.audience", SettingType.INT, 50,
        Validator.between(0, MAX_HISTORY), "The genre head's audience part: per label, a learned weight per user "
            + "pooled (|A|^-1/2) over the item's last this many distinct users and the event's user, summed into the "
            + "genre logits (ItemAudience); 0 for none.", DeepMixConfig::genreAudience);
    public static final String GENRE_AUDIENCE_PROFILE = DEFINITION.define("deepmix.genre.audience.profile",
        SettingType.BOOLEAN, true, Validator.ANY, "The audience part also maps, per label, the mean genre profile of "
            + "the item's audience (each user's share of earlier events on items with known labels, per label).",
        DeepMixConfig::genreAudienceProfile);
    public static final String GENRE_AUDIENCE_LEARNING_RATE = DEFINITION.define(
        "deepmix.genre.audience.learning.rate", SettingType.FLOAT, 1.0f, Validator.above(0),
        "AdaGrad step size of the audience part (learned per labelled item on its own log loss).",
        DeepMixConfig::genreAudienceLearningRate);
    public static final String GENRE_AUDIENCE_JOINT = DEFINITION.define("deepmix.genre.audience.joint",
        SettingType.BOOLEAN, true, Validator.ANY, "The genre tower learns on the joint logits (tower + audience "
            + "part), the residual the audience part leaves; false: on its own logits.",
        DeepMixConfig::genreAudienceJoint);
    public static final String GENRE_AUDIENCE_EVERY_EVENT = DEFINITION.define("deepmix.genre.audience.every.event",
        SettingType.BOOLEAN, false, Validator.ANY, "The audience part also steps at every later event of an item "
            + "whose labels are learned, not only when the genre head learns the item (every deepmix.genre.every).",
        DeepMixConfig::genreAudienceEveryEvent);
    public static final String GENRE_AUDIENCE_USERS = DEFINITION.define("deepmix.genre.audience.users",
        SettingType.BOOLEAN, true, Validator.ANY, "The audience part's learned weight per user and label; false leaves "
            + "the profile map (and the per-label bias) alone.", DeepMixConfig::genreAudienceUsers);
    public static final String GENRE_AUDIENCE_PRIOR = DEFINITION.define("deepmix.genre.audience.profile.prior",
        SettingType.FLOAT, 2f, Validator.atLeast(0), "Pseudo-events of every user's genre share added to each user's "
            + "profile (additive smoothing: a user with few known events counts as near the average).",
        DeepMixConfig::genreAudiencePrior);

    private DeepMixSettings() {
    }

    /** The config of parsed {@link #DEFINITION} values. */
    static DeepMixConfig config(final SettingValues v) {
        return new DeepMixConfig(v.getInt(EMBEDDING_DIM), v.getInt(CATEGORICAL_GROUPS), v.getInt(NUMERIC_GROUPS),
            v.getInt(USER_GROUP), v.getIntList(ITEM_GROUPS), v.getIntList(DNN_HIDDEN),
            DeepMixConfig.DnnKind.valueOf(v.getString(DNN_KIND).toUpperCase(Locale.ROOT)),
            DeepMixConfig.Wiring.valueOf(v.getString(WIRING).toUpperCase(Locale.ROOT)), v.getInt(CROSS_LAYERS),
            v.getInt(CROSS_EXPERTS), v.getInt(CROSS_RANK), v.getString(OPTIMIZER), v.getFloat(LEARNING_RATE),
            v.getInt(BATCH_SIZE), v.getInt(ITEM_BATCH_SIZE), v.getLong(SEED), v.getDouble(RATING_MIN),
            v.getDouble(RATING_MAX), v.getStringList(GENRE_LABELS), v.getString(ITEM_VECTORS_NPY),
            v.getString(ITEM_VECTORS_IDS), v.getBoolean(DOUBLE_PRECISION), v.getInt(GENRE_GROUP),
            v.getIntList(GENRE_LABEL_INDICES), v.getInt(GENRE_EVERY), v.getDouble(NUMERIC_CLIP),
            v.getFloat(EMBEDDING_LEARNING_RATE), v.getString(EMBEDDING_OPTIMIZER), v.getInt(HASH_BITS),
            v.getDouble(WIDE_ALPHA), v.getDouble(WIDE_L1), v.getFloat(EMBEDDING_ADAGRAD_INITIAL),
            v.getBoolean(GENRE_THRESHOLDS), v.getInt(FACTOR_DIM), v.getFloat(FACTOR_LEARNING_RATE),
            v.getFloat(FACTOR_INIT), v.getFloat(FACTOR_L2), v.getFloat(FACTOR_ADAGRAD_INITIAL),
            v.getBoolean(FACTOR_ATTRIBUTES), v.getIntList(FACTOR_USER_GROUPS), v.getIntList(FACTOR_ITEM_GROUPS),
            v.getFloat(FACTOR_STEP_BOUND), v.getBoolean(SHALLOW_OWN_SCORE), v.getInt(FACTOR_HISTORY),
            v.getInt(FACTOR_ITEM_HISTORY), v.getInt(GENRE_AUDIENCE), v.getBoolean(GENRE_AUDIENCE_PROFILE),
            v.getFloat(GENRE_AUDIENCE_LEARNING_RATE), v.getBoolean(GENRE_AUDIENCE_JOINT),
            v.getBoolean(GENRE_AUDIENCE_EVERY_EVENT), v.getBoolean(GENRE_AUDIENCE_USERS),
            v.getFloat(GENRE_AUDIENCE_PRIOR));
    }
}
