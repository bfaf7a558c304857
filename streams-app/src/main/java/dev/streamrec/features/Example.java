package dev.streamrec.features;

import java.util.Objects;

/**
 * One featurized event, as every model sees it.
 *
 * @param task        which head and loss apply
 * @param label       1/0 (clicked) for {@link Task#CLICK}; the rating for {@link Task#RATING}
 * @param userId      the user (for models that keep per-user history)
 * @param itemId      the item (for models that look up item vectors or item history)
 * @param eventTime   event time, epoch milliseconds
 * @param categorical hashed categorical features: index in [0, 2^hashBits), value (1 for one-hot), feature group
 * @param numeric     raw numeric features: index = feature-group id, value = the raw finite number, group = the same id
 */
public record Example(Task task, double label, String userId, String itemId, long eventTime,
                      SparseFeatures categorical, SparseFeatures numeric) {
    public Example {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(categorical, "categorical");
        Objects.requireNonNull(numeric, "numeric");
    }

    /** A copy that shares no mutable buffer with this example (for mini-batch buffers). */
    public Example copy() {
        return new Example(task, label, userId, itemId, eventTime, categorical.copy(), numeric.copy());
    }
}
