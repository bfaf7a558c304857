package dev.streamrec.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeatureGroups;
import dev.streamrec.features.FeatureHasher;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.deepmix.DeepMixConfig;
import dev.streamrec.models.deepmix.DeepMixModel;
import dev.streamrec.models.lcwd.LcwdConfig;
import dev.streamrec.models.lcwd.LcwdModel;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.lr.LogisticRegressionModel;

/**
 * Creates one stream task's models from configuration, in the configured order. Every task gets fresh instances
 * (their state is then restored from the task's stores). LC-W&D initialises its M1 entries from LR's weights when
 * LR runs too; otherwise from zero.
 */
public final class ModelFactory implements Supplier<List<OnlineModel>> {
    /** The model names streamrec knows. */
    public static final List<String> KNOWN = List.of(LogisticRegressionModel.NAME, LcwdModel.NAME, DeepMixModel.NAME);

    private final List<String> names;
    private final Map<String, String> properties;
    private final FeatureConfig features;
    private final FeatureGroups featureGroups;
    private final double ratingMin;
    private final double ratingMax;

    /**
     * @param names      the models to create, in order (each one of {@link #KNOWN})
     * @param properties model settings ({@code lr.*}, {@code lcwd.*}, {@code deepmix.*})
     * @param validation the accepted rating range, which the rating heads predict within
     */
    public ModelFactory(final List<String> names, final Map<String, String> properties, final FeatureConfig features,
                        final ValidationConfig validation) {
        this.names = List.copyOf(names);
        for (final String name : this.names) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown model '" + name + "'; known: " + KNOWN);
            }
        }
        this.properties = Map.copyOf(properties);
        this.features = features;
        this.featureGroups = new FeatureGroups(features.groups());
        this.ratingMin = validation.minRating();
        this.ratingMax = validation.maxRating();
        if (names.contains(LcwdModel.NAME) || names.contains(DeepMixModel.NAME)) {
            // The towers' mini-batch gemms are small: one BLAS thread per process is fastest, and stream threads
            // give the parallelism (see Nd4jThreads).
            Nd4jThreads.limit(1);
        }
    }

    @Override
    public List<OnlineModel> get() {
        final LogisticRegressionModel lr = new LogisticRegressionModel(FtrlConfig.fromProperties(properties),
            features.hashBits(), ratingMin, ratingMax);
        final LinearWeights linear = names.contains(LogisticRegressionModel.NAME) ? lr : (task, index) -> 0.0;
        final int groups = featureGroups.size();
        final List<OnlineModel> models = new ArrayList<>(names.size());
        for (final String name : names) {
            models.add(switch (name) {
                case LogisticRegressionModel.NAME -> lr;
                case LcwdModel.NAME -> new LcwdModel(lcwdConfig(groups), linear);
                case DeepMixModel.NAME -> new DeepMixModel(deepMixConfig());
                default -> throw new IllegalStateException("unreachable: " + name);
            });
        }
        return models;
    }

    /**
     * LC-W&D's settings; the hashed space, the number of feature groups and the rating range are the featurizer's
     * and the validator's, not settings of their own.
     */
    private LcwdConfig lcwdConfig(final int groups) {
        final Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("lcwd.hash.bits", Integer.toString(features.hashBits()));
        props.setProperty("lcwd.feature.groups", Integer.toString(groups));
        props.setProperty("lcwd.rating.min", Double.toString(ratingMin));
        props.setProperty("lcwd.rating.max", Double.toString(ratingMax));
        return LcwdConfig.fromProperties(props);
    }

    /**
     * DeepMix's settings; its input layout (one embedding table per feature group, numeric slots by group id, the
     * user group, the item's attribute groups but the genre labels), the genre head's labels (the hashed features
     * of {@code item.genre}, when the featurizer has that group) and the rating range come from the featurizer and
     * the validator.
     */
    private DeepMixConfig deepMixConfig() {
        final Properties props = new Properties();
        props.putAll(properties);
        final String labels = "item.genre"; // the genre head's labels must not be among its inputs
        final List<String> itemGroups = new ArrayList<>();
        for (int g = 0; g < featureGroups.size(); g++) {
            final String name = featureGroups.name(g);
            if (name.startsWith("item") && !name.equals(labels) && !name.contains(":")) {
                itemGroups.add(Integer.toString(g));
            }
        }
        props.setProperty("deepmix.categorical.groups", Integer.toString(featureGroups.size()));
        props.setProperty("deepmix.hash.bits", Integer.toString(features.hashBits()));
        props.setProperty("deepmix.numeric.groups", Integer.toString(featureGroups.size()));
        props.setProperty("deepmix.user.group", Integer.toString(featureGroups.id("user")));
        props.setProperty("deepmix.item.groups", String.join(",", itemGroups));
        props.setProperty("deepmix.rating.min", Double.toString(ratingMin));
        props.setProperty("deepmix.rating.max", Double.toString(ratingMax));
        if (featureGroups.contains(labels)) {
            final FeatureHasher hasher = FeatureHasher.of(features);
            final List<String> indices = new ArrayList<>();
            for (final String label : DeepMixConfig.fromProperties(props).genreLabels()) {
                indices.add(Integer.toString(hasher.index(labels, label)));
            }
            props.setProperty("deepmix.genre.group", Integer.toString(featureGroups.id(labels)));
            props.setProperty("deepmix.genre.label.indices", String.join(",", indices));
        }
        return DeepMixConfig.fromProperties(props);
    }
}
