package dev.streamrec.learning;

import java.util.List;
import java.util.function.IntConsumer;

import dev.streamrec.features.Example;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.UserProfile;

/**
 * The one loop every path of streamrec runs an event through: the stream task, {@code evaluate}, {@code bench}
 * and the replay of a task's example log after a restart. Featurize, score with every model before any learns
 * (prequential), learn, append the example to the {@link ExampleJournal}, and every {@code checkpointEvery}
 * examples {@linkplain #checkpoint checkpoint}: drain every model's changed state and its metrics to their sinks.
 *
 * <p>The state of a task is therefore its last checkpoint plus the examples journalled after it; {@link #replay}
 * rebuilds it by learning those examples again, in order, scoring them only for the metrics. The models are
 * deterministic, so the rebuilt state is bit-identical to the uninterrupted one.
 *
 * <p>Not thread-safe: one instance per stream task (or in-process run).
 */
public final class ModelCore {
    /** Examples between two checkpoints unless configured otherwise ({@code streamrec.checkpoint.every.events}). */
    public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

    private final ExampleFactory examples;
    private final ModelSet models;
    private final ExampleJournal journal;
    private final long checkpointEvery;
    private long sequence;
    private long checkpointed;

    /**
     * @param checkpointEvery examples between two checkpoints (at least 1)
     * @param checkpointed    the sequence number the models' restored state holds (0 for fresh models): the next
     *                        learned example gets {@code checkpointed + 1}
     */
    public ModelCore(final ExampleFactory examples, final ModelSet models, final ExampleJournal journal,
                     final long checkpointEvery, final long checkpointed) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        }
        this.examples = examples;
        this.models = models;
        this.journal = journal;
        this.checkpointEvery = checkpointEvery;
        this.sequence = checkpointed;
        this.checkpointed = checkpointed;
    }

    /** Featurizes an enriched event; when the result {@linkplain FeaturizationResult#fits() fits}, call {@link #example}. */
    public FeaturizationResult featurize(final String userId, final String itemId, final long eventTime,
                                         final Attributes context, final UserProfile user, final ItemProfile item) {
        return examples.featurize(userId, itemId, eventTime, context, user, item);
    }

    /** The example of the last fitting {@link #featurize}; valid until the next call. */
    public Example example(final EventType type, final double label, final String userId, final String itemId,
                           final long eventTime) {
        return examples.example(type, label, userId, itemId, eventTime);
    }

    /** Every model's prediction for {@code example}, then every model learns it and the journal gets it. */
    public List<Prediction> scoreAndLearn(final Example example) {
        return scoreAndLearn(example, model -> { });
    }

    /**
     * As {@link #scoreAndLearn(Example)}, telling {@code learned} each model's index (in {@link ModelSet#models()})
     * as soon as that model has scored and learned the example: live queries may read it from then on.
     */
    public List<Prediction> scoreAndLearn(final Example example, final IntConsumer learned) {
        final List<Prediction> predictions = models.score(example);
        models.learn(example, learned);
        sequence++;
        journal.append(sequence, example);
        return predictions;
    }

    /**
     * Learns a journalled example again after a restart, exactly as {@link #scoreAndLearn} did (the metrics see
     * the same predictions); appends nothing.
     */
    public void replay(final Example example) {
        models.score(example);
        models.learn(example);
        sequence++;
    }

    /** Whether {@code checkpointEvery} examples have been learned since the last checkpoint. */
    public boolean checkpointDue() {
        return sequence - checkpointed >= checkpointEvery;
    }

    /** Drains every model's changed state and metrics to their sinks; the journal may forget what came before. */
    public void checkpoint() {
        checkpoint(model -> { });
    }

    /** As {@link #checkpoint()}, telling {@code drained} each model's index as soon as that model is drained. */
    public void checkpoint(final IntConsumer drained) {
        models.drain(drained);
        checkpointed = sequence;
    }

    /** The sequence number of the last learned example (examples learned in all, restored ones included). */
    public long sequence() {
        return sequence;
    }

    /** The sequence number the last checkpoint holds. */
    public long checkpointed() {
        return checkpointed;
    }

    public ModelSet models() {
        return models;
    }

    public int maxFeatures() {
        return examples.maxFeatures();
    }
}
