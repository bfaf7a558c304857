package dev.streamrec.topology;

import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.features.Featurizer;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/**
 * Turns a decoded, enriched event into the {@link Example} the models see. Owns reusable feature buffers, so one
 * instance belongs to one stream task; the example it returns is valid until the next call.
 */
final class ExampleFactory {
    private final Featurizer featurizer;
    private final SparseFeatures categorical;
    private final SparseFeatures numeric;

    ExampleFactory(final FeatureConfig config) {
        this.featurizer = new Featurizer(config);
        this.categorical = new SparseFeatures(config.maxFeatures());
        this.numeric = new SparseFeatures(config.maxFeatures());
    }

    /** Featurizes into the buffers; when the result {@linkplain FeaturizationResult#fits() fits}, call {@link #example}. */
    FeaturizationResult featurize(final DecodedEvent event, final UserProfile user, final ItemProfile item) {
        return featurizer.featurize(event.userId(), event.itemId(), event.eventTime(), event.context(), user, item,
            categorical, numeric);
    }

    /** The example of the last successful {@link #featurize} call. */
    Example example(final DecodedEvent event) {
        final Task task = event.type() == EventType.IMPRESSION ? Task.CLICK : Task.RATING;
        return new Example(task, event.label(), event.userId(), event.itemId(), event.eventTime(), categorical, numeric);
    }

    int maxFeatures() {
        return featurizer.config().maxFeatures();
    }
}
