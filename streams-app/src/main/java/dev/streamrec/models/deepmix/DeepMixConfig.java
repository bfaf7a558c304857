package dev.streamrec.models.deepmix;

import dev.streamrec.config.SettingType;
import dev.streamrec.config.SettingValues;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.config.Validator;
import dev.streamrec.optim.AdaGrad;
import dev.streamrec.optim.Optimizer;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Validated hyper-parameters of {@link DeepMixModel}. Every field has one {@code deepmix.*} key, declared once in
 * {@link DeepMixSettings#DEFINITION} with type, default, validator and doc (listed in {@code docs/configuration.md});
 * the input layout, the genre head's wiring, the hashed space and the rating range are the featurizer's and the
 * validator's, refused as user settings. The defaults' measurements, ablations and commands are in
 * {@code docs/model-quality.md} and {@code docs/model-tuning.md}.
 */
public record DeepMixConfig(int embeddingDim, int categoricalGroups, int numericGroups, int userGroup,
                            List<Integer> itemGroups, List<Integer> hiddenSizes, DnnKind dnnKind, Wiring wiring,
                            int crossLayers, int experts, int rank, String optimizer, float learningRate,
                            int batchSize, int itemBatchSize, long seed, double ratingMin, double ratingMax,
                            List<String> genreLabels, String itemVectorsNpy, String itemVectorIds,
                            boolean doublePrecision, int genreGroup, List<Integer> genreLabelIndices,
                            int genreEvery, double numericClip, float embeddingLearningRate,
                            String embeddingOptimizer, int hashBits, double wideAlpha, double wideL1,
                            float embeddingAccumulator, boolean genreThresholds, int factorDim,
                            float factorLearningRate, float factorInit, float factorL2, float factorAccumulator,
                            boolean factorAttributes, List<Integer> factorUserGroups, List<Integer> factorItemGroups,
                            float factorStepBound, boolean shallowOwnScore, int factorHistory,
                            int factorItemHistory, int genreAudience, boolean genreAudienceProfile,
                            float genreAudienceLearningRate, boolean genreAudienceJoint,
                            boolean genreAudienceEveryEvent, boolean genreAudienceUsers,
                            float genreAudiencePrior) {

    /** Plain ReLU layers, or Deep Crossing's residual units {@code ReLU(F(x) + x)}. */
    public enum DnnKind { PLAIN, RESIDUAL }

    /** Stacked: Embedding, Stacking, DNN, CrossNetMix, Scoring (the paper). Parallel: DCN-V2's cross || DNN. */
    public enum Wiring { STACKED, PARALLEL }

    /** MovieLens 1M's genres. */
    public static final List<String> MOVIELENS_GENRES = List.of("Action", "Adventure", "Animation", "Children's",
        "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
        "Sci-Fi", "Thriller", "War", "Western");

    /**
     * Checks what spans settings or comes from the featurizer. Each user setting's own range is checked once, by its
     * validator in {@link DeepMixSettings#DEFINITION}, when it is parsed: build configs through
     * {@link #fromProperties}, {@link #with} or {@link DeepMixProvider}.
     */
    public DeepMixConfig {
        if (categoricalGroups <= 0) {
            throw new IllegalArgumentException("deepmix.categorical.groups must be positive, got " + categoricalGroups);
        }
        if (numericGroups < 0) {
            throw new IllegalArgumentException("deepmix.numeric.groups must be >= 0, got " + numericGroups);
        }
        if (userGroup < 0 || userGroup >= categoricalGroups) {
            throw new IllegalArgumentException("deepmix.user.group must be in [0, " + categoricalGroups + "), got "
                + userGroup);
        }
        itemGroups = List.copyOf(itemGroups);
        for (final int g : itemGroups) {
            if (g < 0 || g >= categoricalGroups) {
                throw new IllegalArgumentException("deepmix.item.groups entry " + g + " outside [0, "
                    + categoricalGroups + ")");
            }
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        if (dnnKind == null || wiring == null) {
            throw new IllegalArgumentException("deepmix.dnn.kind and deepmix.wiring are required");
        }
        if (!(ratingMin < ratingMax)) {
            throw new IllegalArgumentException("need deepmix.rating.min < deepmix.rating.max, got " + ratingMin
                + " and " + ratingMax);
        }
        genreLabels = List.copyOf(genreLabels);
        itemVectorsNpy = itemVectorsNpy == null ? "" : itemVectorsNpy.trim();
        itemVectorIds = itemVectorIds == null ? "" : itemVectorIds.trim();
        if (itemVectorsNpy.isEmpty() != itemVectorIds.isEmpty()) {
            throw new IllegalArgumentException("deepmix.item.vectors.npy and deepmix.item.vectors.ids go together");
        }
        genreLabelIndices = List.copyOf(genreLabelIndices);
        if (genreGroup < -1 || genreGroup >= categoricalGroups) {
            throw new IllegalArgumentException("deepmix.genre.group must be -1 or in [0, " + categoricalGroups
                + "), got " + genreGroup);
        }
        if (genreGroup >= 0 && genreLabelIndices.size() != genreLabels.size()) {
            throw new IllegalArgumentException("deepmix.genre.label.indices needs one index per label of "
                + "deepmix.genre.labels (" + genreLabels.size() + "), got " + genreLabelIndices.size());
        }
        if (genreGroup >= 0 && itemGroups.contains(genreGroup)) {
            throw new IllegalArgumentException("deepmix.genre.group " + genreGroup
                + " must not be among deepmix.item.groups: the labels would be inputs");
        }
        embeddingOptimizer = embeddingOptimizer == null ? "" : embeddingOptimizer.trim();
        factorUserGroups = List.copyOf(factorUserGroups);
        factorItemGroups = List.copyOf(factorItemGroups);
        for (final int g : factorUserGroups) {
            if (g < 0 || g >= categoricalGroups || factorItemGroups.contains(g)) {
                throw new IllegalArgumentException("deepmix.factor.user.groups entry " + g + " outside [0, "
                    + categoricalGroups + ") or also an item-side group");
            }
        }
        for (final int g : factorItemGroups) {
            if (g < 0 || g >= categoricalGroups) {
                throw new IllegalArgumentException("deepmix.factor.item.groups entry " + g + " outside [0, "
                    + categoricalGroups + ")");
            }
        }
        if (hashBits < 1 || hashBits > 30) {
            throw new IllegalArgumentException("deepmix.hash.bits must be in [1, 30], got " + hashBits);
        }
    }

    /** Every setting's default. */
    public static DeepMixConfig defaults() {
        return fromValues(DeepMixSettings.DEFINITION.parse(Map.of()));
    }

    /** The optimiser this configuration names. */
    public Optimizer newOptimizer() {
        return Optimizer.of(optimizer, learningRate);
    }

    /** The optimiser of the embedding rows: the configured one at the embedding learning rate. */
    public Optimizer newEmbeddingOptimizer() {
        final String name = embeddingOptimizer.isEmpty() ? optimizer : embeddingOptimizer;
        final float rate = embeddingLearningRate > 0 ? embeddingLearningRate : learningRate;
        return name.equalsIgnoreCase("adagrad") ? new AdaGrad(rate, embeddingAccumulator, 1e-8f)
            : Optimizer.of(name, rate);
    }

    /**
     * Parses {@code deepmix.*} keys, the owned ones included (what {@link #toProperties} wrote); absent keys take
     * their defaults; invalid values and unknown keys throw naming the key.
     */
    public static DeepMixConfig fromProperties(final Properties p) {
        return fromValues(DeepMixSettings.DEFINITION.parse(p));
    }

    /** The config of parsed {@link DeepMixSettings#DEFINITION} values. */
    public static DeepMixConfig fromValues(final SettingValues v) {
        return DeepMixSettings.config(v);
    }

    /** The inverse of {@link #fromProperties}: every key, explicitly. */
    public Properties toProperties() {
        final Properties p = new Properties();
        p.putAll(DeepMixSettings.DEFINITION.render(this));
        return p;
    }

    /** A copy with other properties laid over this configuration's: {@code with(key1, value1, key2, value2, ..)}. */
    public DeepMixConfig with(final String... keyValuePairs) {
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("with() takes key, value pairs");
        }
        final Properties p = toProperties();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            p.setProperty(keyValuePairs[i], keyValuePairs[i + 1]);
        }
        return fromProperties(p);
    }
}
