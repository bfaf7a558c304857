package dev.streamrec.learning;

import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.features.Featurizer;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/**
 * Turns an enriched event into the {@link Example} the models see. Owns reusable feature buffers, so one instance
 * belongs to one stream task (or one in-process run); the example it returns is valid until the next call.
 */
public final class ExampleFactory {
    private final Featurizer featurizer;
    private final SparseFeatures categorical;
    private final SparseFeatures numeric;

    public ExampleFactory(final FeatureConfig config) {
        this.featurizer = new Featurizer(config);
        this.categorical = new SparseFeatures(config.maxFeatures());
        this.numeric = new SparseFeatures(config.maxFeatures());
    }

    /** Featurizes into the buffers; when the result {@linkplain FeaturizationResult#fits() fits}, call {@link #example}. */
    public FeaturizationResult featurize(final String userId, final String itemId, final long eventTime,
                                         final Attributes context, final UserProfile user, final ItemProfile item) {
        return featurizer.featurize(userId, itemId, eventTime, context, user, item, categorical, numeric);
    }

    /** The example of the last successful {@link #featurize} call. */
    public Example example(final EventType type, final double label, final String userId, final String itemId,
                           final long eventTime) {
        final Task task = type == EventType.IMPRESSION ? Task.CLICK : Task.RATING;
        return new Example(task, label, userId, itemId, eventTime, categorical, numeric);
    }

    public int maxFeatures() {
        return featurizer.config().maxFeatures();
    }
}
