package dev.streamrec.models.deepmix;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Per item, the running mean of the user embedding vectors of the learned events that involved the item
 * ({@code mean += (u - mean) / n}), the item's "interaction history" input of the genre head.
 */
final class ItemHistories {
    /** One item's history: events folded in and their mean user vector. */
    record History(long count, float[] mean) { }

    private final int dim;
    private final Map<String, History> byItem = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    ItemHistories(final int dim) {
        this.dim = dim;
    }

    int dim() {
        return dim;
    }

    int size() {
        return byItem.size();
    }

    /** Learned events folded into the item's history so far (0 for an unseen item). */
    long count(final String itemId) {
        final History h = byItem.get(itemId);
        return h == null ? 0 : h.count();
    }

    /** Folds one user vector ({@code user[off, off + dim)}) into the item's mean. */
    void add(final String itemId, final float[] user, final int off) {
        final History old = byItem.get(itemId);
        final long n = old == null ? 1 : old.count() + 1;
        final float[] mean = old == null ? new float[dim] : old.mean();
        for (int j = 0; j < dim; j++) {
            mean[j] += (user[off + j] - mean[j]) / n;
        }
        byItem.put(itemId, new History(n, mean));
        dirty.add(itemId);
    }

    /** Copies the item's mean user vector into {@code out[off, off + dim)}; leaves zeros for an unseen item. */
    void copy(final String itemId, final float[] out, final int off) {
        final History h = byItem.get(itemId);
        if (h != null) {
            System.arraycopy(h.mean(), 0, out, off, dim);
        }
    }

    void markAllDirty() {
        dirty.addAll(new java.util.TreeSet<>(byItem.keySet()));
    }

    void drainDirty(final BiConsumer<String, History> visitor) {
        for (final String item : dirty) {
            final History h = byItem.get(item);
            visitor.accept(item, new History(h.count(), h.mean().clone()));
        }
        dirty.clear();
    }

    void restore(final String itemId, final History history) {
        if (history.mean().length != dim) {
            throw new IllegalArgumentException("history of width " + history.mean().length + " for dim " + dim);
        }
        byItem.put(itemId, new History(history.count(), history.mean().clone()));
    }
}
