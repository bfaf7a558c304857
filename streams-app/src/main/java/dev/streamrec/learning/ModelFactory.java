package dev.streamrec.learning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.ModelContext;
import dev.streamrec.models.ModelProvider;
import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.deepmix.DeepMixModel;
import dev.streamrec.models.deepmix.DeepMixProvider;
import dev.streamrec.models.lcwd.LcwdModel;
import dev.streamrec.models.lcwd.LcwdProvider;
import dev.streamrec.models.lr.LogisticRegressionModel;
import dev.streamrec.models.lr.LrProvider;

/**
 * Creates one stream task's models from configuration, in the configured order. Every model's settings are parsed
 * and validated once, on construction (at start): a key under a model's prefix that the model does not declare, or a
 * value the featurizer owns, fails the start with a message naming the key (and the nearest valid key). Every task
 * then gets fresh instances (their state is restored from the task's stores). LC-W&amp;D initialises its M1 entries
 * from LR's weights when LR runs too; otherwise from zero.
 */
public final class ModelFactory implements Supplier<List<OnlineModel>> {
    /** Every model streamrec knows, in its default order. */
    public static final List<ModelProvider> PROVIDERS = List.of(new LrProvider(), new LcwdProvider(),
        new DeepMixProvider());
    /** The model names streamrec knows. */
    public static final List<String> KNOWN = PROVIDERS.stream().map(ModelProvider::name).toList();
    /** The key prefixes of the featurizer's and the models' settings ({@code features.}, {@code lr.}, ...). */
    public static final List<String> PREFIXES = java.util.stream.Stream.concat(
        java.util.stream.Stream.of(FeatureConfig.DEFINITION.prefix()),
        PROVIDERS.stream().map(p -> p.definition().prefix())).toList();

    private final List<String> names;
    private final Map<String, ModelProvider.Builder> builders = new LinkedHashMap<>();

    /**
     * @param names      the models to create, in order (each one of {@link #KNOWN})
     * @param properties model settings ({@code lr.*}, {@code lcwd.*}, {@code deepmix.*}; other keys are ignored)
     * @param features   the featurizer's settings (parsed from the same properties)
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
        final ModelContext context = new ModelContext(features, validation.minRating(), validation.maxRating());
        for (final ModelProvider provider : PROVIDERS) {
            // Models that do not run are checked too: a typo must not wait until the model is switched on.
            provider.definition().checkUserKeys(properties);
            if (this.names.contains(provider.name())) {
                builders.put(provider.name(), provider.configure(properties, context));
            }
        }
        if (names.contains(LcwdModel.NAME) || names.contains(DeepMixModel.NAME)) {
            // The towers' mini-batch gemms are small: one BLAS thread per process is fastest, and stream threads
            // give the parallelism (see Nd4jThreads).
            Nd4jThreads.limit(1);
        }
    }

    /**
     * The factory of a whole configuration: the featurizer's settings ({@code features.*}) and the models' are read
     * from the same {@code properties}; every unknown key under a model prefix fails here.
     */
    public static ModelFactory fromProperties(final List<String> names, final Map<String, String> properties,
                                              final ValidationConfig validation) {
        return new ModelFactory(names, properties, FeatureConfig.fromProperties(properties), validation);
    }

    @Override
    public List<OnlineModel> get() {
        final Map<String, OnlineModel> built = new LinkedHashMap<>();
        LinearWeights linear = (task, index) -> 0.0;
        if (builders.containsKey(LogisticRegressionModel.NAME)) {
            final OnlineModel lr = builders.get(LogisticRegressionModel.NAME).build(linear);
            linear = (LinearWeights) lr;
            built.put(LogisticRegressionModel.NAME, lr);
        }
        final List<OnlineModel> models = new ArrayList<>(names.size());
        for (final String name : names) {
            final LinearWeights first = linear;
            models.add(built.computeIfAbsent(name, n -> builders.get(n).build(first)));
        }
        return models;
    }
}
