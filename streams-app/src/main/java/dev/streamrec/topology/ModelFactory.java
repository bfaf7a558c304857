package dev.streamrec.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeatureGroups;
import dev.streamrec.models.LinearWeights;
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
final class ModelFactory implements Supplier<List<OnlineModel>> {
    /** The model names streamrec knows. */
    static final List<String> KNOWN = List.of(LogisticRegressionModel.NAME, LcwdModel.NAME, "deepmix");

    private final List<String> names;
    private final Map<String, String> properties;
    private final FeatureConfig features;
    private final double ratingMin;
    private final double ratingMax;

    ModelFactory(final StreamrecConfig config, final FeatureConfig features) {
        this.names = List.copyOf(config.models());
        for (final String name : names) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown model '" + name + "' in " + StreamrecConfig.MODELS
                    + "; known: " + KNOWN);
            }
        }
        this.properties = Map.copyOf(config.modelProperties());
        this.features = features;
        this.ratingMin = config.validation().minRating();
        this.ratingMax = config.validation().maxRating();
    }

    @Override
    public List<OnlineModel> get() {
        final LogisticRegressionModel lr = new LogisticRegressionModel(FtrlConfig.fromProperties(properties),
            features.hashBits(), ratingMin, ratingMax);
        final LinearWeights linear = names.contains(LogisticRegressionModel.NAME) ? lr : (task, index) -> 0.0;
        final int groups = new FeatureGroups(features.groups()).size();
        final List<OnlineModel> models = new ArrayList<>(names.size());
        for (final String name : names) {
            models.add(switch (name) {
                case LogisticRegressionModel.NAME -> lr;
                case LcwdModel.NAME -> new LcwdModel(lcwdConfig(groups), linear);
                case "deepmix" -> new DeepMixModel(DeepMixConfig.fromProperties(properties, features.hashBits(), groups,
                    ratingMin, ratingMax));
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
}
