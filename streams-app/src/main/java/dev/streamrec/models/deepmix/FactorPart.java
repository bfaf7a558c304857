package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.FieldFactorization;
import dev.streamrec.models.ImplicitFeedback;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.nn.Losses;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.SparseRowTable;

/**
 * DeepMix's factorization (second-order) part: per task, a {@link FieldFactorization} {@code p . q} of the
 * user-side and the item-side field vectors, added to the joint score and learned at every event, like
 * {@link WidePart}, on the joint loss (after the first-order step, on the residual it left). The two tasks have
 * separate vectors, so a click label never moves the same pair's rating score. The DeepMix paper has no such term:
 * this is a departure, measured in {@code docs/model-quality.md}. Persisted as {@code factor.click} and
 * {@code factor.rating}; with {@code deepmix.factor.history} > 0 the user side also pools the user's last items'
 * {@code y_j} rows (SVD++, {@link RecentInteractions}, persisted as {@code factor.history}); with
 * {@code deepmix.factor.item.history} > 0 the item side the item's last users' {@code z_v} rows (the mirror,
 * persisted as {@code factor.item.history}).
 */
final class FactorPart {
    private final FieldFactorization click;
    private final FieldFactorization rating;
    private final double stepBound;
    private final RecentInteractions histories;
    private final RecentInteractions itemHistories;
    private final int[] items;
    private final int[] users;

    /** A part of {@code deepmix.factor.dim} columns, or an absent one ({@link #enabled} false) at 0. */
    FactorPart(final DeepMixConfig config) {
        this.stepBound = config.factorStepBound();
        this.histories = config.factorDim() > 0 && config.factorHistory() > 0
            ? new RecentInteractions(config.factorHistory()) : null;
        this.itemHistories = config.factorDim() > 0 && config.factorItemHistory() > 0
            ? new RecentInteractions(config.factorItemHistory()) : null;
        this.items = new int[Math.max(0, config.factorHistory())];
        this.users = new int[Math.max(0, config.factorItemHistory())];
        if (config.factorDim() > 0) {
            this.click = new FieldFactorization(settings(config, 0x632BE59BD9B4E019L));
            this.rating = new FieldFactorization(settings(config, 0x9E3779B97F4A7C15L));
        } else {
            this.click = null;
            this.rating = null;
        }
    }

    private static FieldFactorization.Settings settings(final DeepMixConfig config, final long salt) {
        return new FieldFactorization.Settings(config.factorDim(), config.factorLearningRate(), config.factorInit(),
            config.factorL2(), config.factorAccumulator(), (config.seed() + 5) ^ salt, config.categoricalGroups(),
            config.factorUserGroups(), config.factorItemGroups());
    }

    boolean enabled() {
        return click != null;
    }

    /** {@code p . q} of the task; 0 when the part is off. Never mutates the model. */
    double dot(final Task task, final SparseFeatures x) {
        return enabled() ? head(task).dot(x) : 0.0;
    }

    /**
     * {@code p . q} with the user's and the item's implicit histories ({@code deepmix.factor.history}, SVD++, and
     * {@code deepmix.factor.item.history}) pooled into the sides; {@link #dot(Task, SparseFeatures)} when both are
     * off. Never mutates the model.
     */
    double dot(final Task task, final SparseFeatures x, final Example example) {
        if (!enabled()) {
            return 0.0;
        }
        return head(task).dot(x, feedback(example));
    }

    /**
     * One per-event AdaGrad step of the score with the implicit histories, with the joint loss's {@code dL/dz} at the
     * joint score {@code z}, bounded by {@code deepmix.factor.step.bound} ({@link FieldFactorization#boundedUpdate});
     * the curvature is the loss's {@code d2L/dz2} at {@code z}: {@code sigmoid(z) (1 - sigmoid(z))} for log loss, 1
     * for half squared error.
     */
    void update(final Task task, final SparseFeatures x, final Example example, final double dLdz, final double z) {
        if (enabled()) {
            final double curvature = task == Task.CLICK ? Losses.sigmoid(z) * (1 - Losses.sigmoid(z)) : 1.0;
            head(task).boundedUpdate(x, feedback(example), dLdz, curvature, stepBound);
        }
    }

    /** The task's pending gradients of the score with the implicit histories, no step (gradient checks). */
    void addGradients(final Task task, final SparseFeatures x, final Example example, final double dLdz) {
        head(task).addGradients(x, feedback(example), dLdz);
    }

    /** Adds the event's pair to the user's and the item's histories (after the event is learned); none when off. */
    void record(final Example example) {
        if (histories != null) {
            histories.add(example.userId(), example.itemId());
        }
        if (itemHistories != null) {
            itemHistories.add(example.itemId(), example.userId());
        }
    }

    /** The user's items and the item's users, each but the event's own pair ({@link RecentInteractions#copy}). */
    private ImplicitFeedback feedback(final Example example) {
        if (histories == null && itemHistories == null) {
            return ImplicitFeedback.NONE;
        }
        final int userCount = histories == null ? 0 : histories.copy(example.userId(), example.itemId(), items);
        final int itemCount = itemHistories == null ? 0
            : itemHistories.copy(example.itemId(), example.userId(), users);
        return new ImplicitFeedback(items, userCount, users, itemCount);
    }

    /** One per-event AdaGrad step of the task's vectors with the joint loss's {@code dL/dz}, unbounded. */
    void update(final Task task, final SparseFeatures x, final double dLdz) {
        if (enabled()) {
            head(task).update(x, dLdz);
        }
    }

    /** The task's pending gradients, no step (gradient checks). */
    void addGradients(final Task task, final SparseFeatures x, final double dLdz) {
        head(task).addGradients(x, dLdz);
    }

    /** The task's rows (tests and gradient checks). */
    SparseRowTable table(final Task task) {
        return head(task).rows();
    }

    private FieldFactorization head(final Task task) {
        return task == Task.CLICK ? click : rating;
    }

    /** Stored rows times their width. */
    long size() {
        return enabled() ? click.size() + rating.size() + (histories == null ? 0 : histories.size())
            + (itemHistories == null ? 0 : itemHistories.size()) : 0;
    }

    /** Registers {@code factor.click} and {@code factor.rating} (none when off). */
    void register(final ModelState state) {
        if (enabled()) {
            state.register("factor.click", click.rows());
            state.register("factor.rating", rating.rows());
        }
        if (histories != null) {
            state.register("factor.history", Persisted.taskLocal(histories.rows()));
        }
        if (itemHistories != null) {
            // shared across tasks by parameter sync: an item's users are spread over every task (docs/shared-model.md)
            state.register("factor.item.history", itemHistories);
        }
    }

    /** {@code factor.click} and {@code factor.rating} with their AdaGrad accumulators. */
    void exportTensors(final TensorSink sink) {
        if (enabled()) {
            click.exportTensors(sink, "factor.click");
            rating.exportTensors(sink, "factor.rating");
        }
    }
}
