package dev.streamrec.models.deepmix;

import dev.streamrec.optim.AdaGrad;
import dev.streamrec.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Validated hyper-parameters of {@link DeepMixModel}; every field has a {@code deepmix.*} property key and a default.
 *
 * <p>Defaults measured prequentially on ML-100k; the measurements, ablations and commands are in
 * {@code docs/model-quality.md}.
 *
 * @param embeddingDim      width of every hashed embedding row ({@code deepmix.embedding.dim}, 16)
 * @param categoricalGroups number of categorical feature groups, ids {@code 0..n-1} ({@code deepmix.categorical.groups}, 8)
 * @param numericGroups     number of numeric feature groups, ids {@code 0..n-1} ({@code deepmix.numeric.groups}, 0)
 * @param userGroup         the categorical group holding the user id; its pooled embedding feeds item histories
 *                          ({@code deepmix.user.group}, 0)
 * @param itemGroups        categorical groups describing an item, the input of the genre tower
 *                          ({@code deepmix.item.groups}, "1")
 * @param hiddenSizes       DNN layer widths; for residual units the inner widths ({@code deepmix.dnn.hidden}, "128,64")
 * @param dnnKind           plain ReLU layers or residual units ({@code deepmix.dnn.kind}, plain)
 * @param wiring            DNN then cross net, or both side by side ({@code deepmix.wiring}, stacked)
 * @param crossLayers       CrossNetMix layers L ({@code deepmix.cross.layers}, 2)
 * @param experts           low-rank experts per layer K ({@code deepmix.cross.experts}, 4)
 * @param rank              expert rank r, clamped to the cross width ({@code deepmix.cross.rank}, 32)
 * @param optimizer         sgd, adagrad or adam ({@code deepmix.optimizer}, adam)
 * @param learningRate      step size of the dense tensors ({@code deepmix.learning.rate}, 0.003)
 * @param batchSize         events per mini-batch step ({@code deepmix.batch.size}, 32)
 * @param itemBatchSize     item examples per genre step ({@code deepmix.item.batch.size}, 32)
 * @param seed              seed of every initialisation ({@code deepmix.seed}, 42)
 * @param ratingMin         lowest rating; predictions are clamped into [min, max] ({@code deepmix.rating.min}, 1)
 * @param ratingMax         highest rating ({@code deepmix.rating.max}, 5)
 * @param genreLabels       the label vocabulary of the genre head ({@code deepmix.genre.labels}, MovieLens' 18)
 * @param itemVectorsNpy    optional .npy file of dense item vectors, "" for none ({@code deepmix.item.vectors.npy})
 * @param itemVectorIds     item ids, one a line, aligned with the .npy rows ({@code deepmix.item.vectors.ids})
 * @param doublePrecision   run the dense math in float64 (for gradient checks) ({@code deepmix.double.precision}, false)
 * @param genreGroup        the categorical group of events that carries the item's labels (genres), -1 to leave the
 *                          genre head unwired ({@code deepmix.genre.group}, -1)
 * @param genreLabelIndices the hashed feature index of each label of {@code genreLabels} in that group, same order
 *                          ({@code deepmix.genre.label.indices}, none)
 * @param genreEvery        an event learns its item's genres when the item's count of learned events, this one
 *                          included, is a multiple of this ({@code deepmix.genre.every}, 5)
 * @param numericClip       standardized numerics are clipped into [-clip, clip]; 0 for no clipping
 *                          ({@code deepmix.numeric.clip}, 5)
 * @param embeddingLearningRate the step size of the embedding rows; 0 for {@code learningRate}
 *                          ({@code deepmix.embedding.learning.rate}, 0.05)
 * @param embeddingOptimizer the optimiser of the embedding rows, "" for {@code optimizer}
 *                          ({@code deepmix.embedding.optimizer}, "")
 * @param hashBits          the hashed categorical space is 2^bits, set from the featurizer ({@code deepmix.hash.bits}, 20)
 * @param wideAlpha         FTRL alpha of the first-order part, 0 for none ({@code deepmix.wide.alpha}, 0.2)
 * @param wideL1            FTRL L1 of the first-order part ({@code deepmix.wide.l1}, 0.1)
 * @param genreThresholds   per-label decision thresholds learned online ({@link LabelThresholds}) instead of 0.5
 *                          ({@code deepmix.genre.thresholds}, true)
 * @param embeddingAccumulator AdaGrad's initial accumulator for embedding rows ({@code deepmix.embedding.adagrad.initial},
 *                          0.1)
 */
public record DeepMixConfig(int embeddingDim, int categoricalGroups, int numericGroups, int userGroup,
                            List<Integer> itemGroups, List<Integer> hiddenSizes, DnnKind dnnKind, Wiring wiring,
                            int crossLayers, int experts, int rank, String optimizer, float learningRate,
                            int batchSize, int itemBatchSize, long seed, double ratingMin, double ratingMax,
                            List<String> genreLabels, String itemVectorsNpy, String itemVectorIds,
                            boolean doublePrecision, int genreGroup, List<Integer> genreLabelIndices,
                            int genreEvery, double numericClip, float embeddingLearningRate,
                            String embeddingOptimizer, int hashBits, double wideAlpha, double wideL1,
                            float embeddingAccumulator, boolean genreThresholds) {

    /** Plain ReLU layers, or Deep Crossing's residual units {@code ReLU(F(x) + x)}. */
    public enum DnnKind { PLAIN, RESIDUAL }

    /** Stacked: Embedding, Stacking, DNN, CrossNetMix, Scoring (the paper). Parallel: DCN-V2's cross || DNN. */
    public enum Wiring { STACKED, PARALLEL }

    /** MovieLens 1M's genres. */
    public static final List<String> MOVIELENS_GENRES = List.of("Action", "Adventure", "Animation", "Children's",
        "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
        "Sci-Fi", "Thriller", "War", "Western");

    public DeepMixConfig {
        positive("deepmix.embedding.dim", embeddingDim);
        positive("deepmix.categorical.groups", categoricalGroups);
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
        if (hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException("deepmix.dnn.hidden needs at least one layer");
        }
        hiddenSizes.forEach(h -> positive("deepmix.dnn.hidden", h));
        if (dnnKind == null || wiring == null) {
            throw new IllegalArgumentException("deepmix.dnn.kind and deepmix.wiring are required");
        }
        if (crossLayers < 0) {
            throw new IllegalArgumentException("deepmix.cross.layers must be >= 0, got " + crossLayers);
        }
        positive("deepmix.cross.experts", experts);
        positive("deepmix.cross.rank", rank);
        Optimizer.of(optimizer, learningRate);
        positive("deepmix.batch.size", batchSize);
        positive("deepmix.item.batch.size", itemBatchSize);
        if (!(ratingMin < ratingMax)) {
            throw new IllegalArgumentException("need deepmix.rating.min < deepmix.rating.max, got " + ratingMin
                + " and " + ratingMax);
        }
        genreLabels = List.copyOf(genreLabels);
        if (genreLabels.isEmpty()) {
            throw new IllegalArgumentException("deepmix.genre.labels must not be empty");
        }
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
        positive("deepmix.genre.every", genreEvery);
        if (!(embeddingLearningRate >= 0)) {
            throw new IllegalArgumentException("deepmix.embedding.learning.rate must be >= 0, got "
                + embeddingLearningRate);
        }
        embeddingOptimizer = embeddingOptimizer == null ? "" : embeddingOptimizer.trim();
        if (!embeddingOptimizer.isEmpty()) {
            Optimizer.of(embeddingOptimizer, 0.01f);
        }
        if (hashBits < 1 || hashBits > 30) {
            throw new IllegalArgumentException("deepmix.hash.bits must be in [1, 30], got " + hashBits);
        }
        if (!(wideAlpha >= 0) || !(wideL1 >= 0) || !Double.isFinite(wideAlpha) || !Double.isFinite(wideL1)) {
            throw new IllegalArgumentException("deepmix.wide.alpha and deepmix.wide.l1 must be finite and >= 0, got "
                + wideAlpha + " and " + wideL1);
        }
        if (!(embeddingAccumulator >= 0) || !Float.isFinite(embeddingAccumulator)) {
            throw new IllegalArgumentException("deepmix.embedding.adagrad.initial must be finite and >= 0, got "
                + embeddingAccumulator);
        }
        if (!(numericClip >= 0)) {
            throw new IllegalArgumentException("deepmix.numeric.clip must be >= 0, got " + numericClip);
        }
    }

    /** The defaults. */
    public static DeepMixConfig defaults() {
        return fromProperties(new Properties());
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

    /** Parses {@code deepmix.*} keys; absent keys take their defaults; invalid values throw with the key. */
    public static DeepMixConfig fromProperties(final Properties p) {
        return new DeepMixConfig(
            intKey(p, "deepmix.embedding.dim", "16"),
            intKey(p, "deepmix.categorical.groups", "8"),
            intKey(p, "deepmix.numeric.groups", "0"),
            intKey(p, "deepmix.user.group", "0"),
            intList(p, "deepmix.item.groups", "1"),
            intList(p, "deepmix.dnn.hidden", "128,64"),
            DnnKind.valueOf(p.getProperty("deepmix.dnn.kind", "plain").trim().toUpperCase(Locale.ROOT)),
            Wiring.valueOf(p.getProperty("deepmix.wiring", "stacked").trim().toUpperCase(Locale.ROOT)),
            intKey(p, "deepmix.cross.layers", "2"),
            intKey(p, "deepmix.cross.experts", "4"),
            intKey(p, "deepmix.cross.rank", "32"),
            p.getProperty("deepmix.optimizer", "adam").trim(),
            Float.parseFloat(p.getProperty("deepmix.learning.rate", "0.003").trim()),
            intKey(p, "deepmix.batch.size", "32"),
            intKey(p, "deepmix.item.batch.size", "32"),
            Long.parseLong(p.getProperty("deepmix.seed", "42").trim()),
            Double.parseDouble(p.getProperty("deepmix.rating.min", "1").trim()),
            Double.parseDouble(p.getProperty("deepmix.rating.max", "5").trim()),
            stringList(p.getProperty("deepmix.genre.labels", String.join(",", MOVIELENS_GENRES))),
            p.getProperty("deepmix.item.vectors.npy", ""),
            p.getProperty("deepmix.item.vectors.ids", ""),
            Boolean.parseBoolean(p.getProperty("deepmix.double.precision", "false").trim()),
            intKey(p, "deepmix.genre.group", "-1"),
            intList(p, "deepmix.genre.label.indices", ""),
            intKey(p, "deepmix.genre.every", "5"),
            Double.parseDouble(p.getProperty("deepmix.numeric.clip", "5").trim()),
            Float.parseFloat(p.getProperty("deepmix.embedding.learning.rate", "0.05").trim()),
            p.getProperty("deepmix.embedding.optimizer", ""),
            intKey(p, "deepmix.hash.bits", "20"),
            Double.parseDouble(p.getProperty("deepmix.wide.alpha", "0.2").trim()),
            Double.parseDouble(p.getProperty("deepmix.wide.l1", "0.1").trim()),
            Float.parseFloat(p.getProperty("deepmix.embedding.adagrad.initial", "0.1").trim()),
            Boolean.parseBoolean(p.getProperty("deepmix.genre.thresholds", "true").trim()));
    }

    /** The inverse of {@link #fromProperties}: every key, explicitly. */
    public Properties toProperties() {
        final Properties p = new Properties();
        p.setProperty("deepmix.embedding.dim", Integer.toString(embeddingDim));
        p.setProperty("deepmix.categorical.groups", Integer.toString(categoricalGroups));
        p.setProperty("deepmix.numeric.groups", Integer.toString(numericGroups));
        p.setProperty("deepmix.user.group", Integer.toString(userGroup));
        p.setProperty("deepmix.item.groups", join(itemGroups));
        p.setProperty("deepmix.dnn.hidden", join(hiddenSizes));
        p.setProperty("deepmix.dnn.kind", dnnKind.name().toLowerCase(Locale.ROOT));
        p.setProperty("deepmix.wiring", wiring.name().toLowerCase(Locale.ROOT));
        p.setProperty("deepmix.cross.layers", Integer.toString(crossLayers));
        p.setProperty("deepmix.cross.experts", Integer.toString(experts));
        p.setProperty("deepmix.cross.rank", Integer.toString(rank));
        p.setProperty("deepmix.optimizer", optimizer);
        p.setProperty("deepmix.learning.rate", Float.toString(learningRate));
        p.setProperty("deepmix.batch.size", Integer.toString(batchSize));
        p.setProperty("deepmix.item.batch.size", Integer.toString(itemBatchSize));
        p.setProperty("deepmix.seed", Long.toString(seed));
        p.setProperty("deepmix.rating.min", Double.toString(ratingMin));
        p.setProperty("deepmix.rating.max", Double.toString(ratingMax));
        p.setProperty("deepmix.genre.labels", String.join(",", genreLabels));
        p.setProperty("deepmix.item.vectors.npy", itemVectorsNpy);
        p.setProperty("deepmix.item.vectors.ids", itemVectorIds);
        p.setProperty("deepmix.double.precision", Boolean.toString(doublePrecision));
        p.setProperty("deepmix.genre.group", Integer.toString(genreGroup));
        p.setProperty("deepmix.genre.label.indices", join(genreLabelIndices));
        p.setProperty("deepmix.genre.every", Integer.toString(genreEvery));
        p.setProperty("deepmix.numeric.clip", Double.toString(numericClip));
        p.setProperty("deepmix.embedding.learning.rate", Float.toString(embeddingLearningRate));
        p.setProperty("deepmix.embedding.optimizer", embeddingOptimizer);
        p.setProperty("deepmix.hash.bits", Integer.toString(hashBits));
        p.setProperty("deepmix.wide.alpha", Double.toString(wideAlpha));
        p.setProperty("deepmix.wide.l1", Double.toString(wideL1));
        p.setProperty("deepmix.embedding.adagrad.initial", Float.toString(embeddingAccumulator));
        p.setProperty("deepmix.genre.thresholds", Boolean.toString(genreThresholds));
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

    private static void positive(final String key, final int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    private static int intKey(final Properties p, final String key, final String def) {
        final String raw = p.getProperty(key, def).trim();
        try {
            return Integer.parseInt(raw);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + raw + "'", e);
        }
    }

    private static List<Integer> intList(final Properties p, final String key, final String def) {
        final List<Integer> out = new ArrayList<>();
        for (final String s : stringList(p.getProperty(key, def))) {
            try {
                out.add(Integer.parseInt(s));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a comma-separated integer list, got '" + s + "'", e);
            }
        }
        return out;
    }

    private static List<String> stringList(final String raw) {
        final List<String> out = new ArrayList<>();
        for (final String s : raw.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String join(final List<Integer> values) {
        final StringBuilder sb = new StringBuilder();
        for (final int v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }
}
