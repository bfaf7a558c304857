package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;

import java.util.Arrays;
import java.util.List;

/**
 * DeepMix's embedding and stacking layers: builds the stacked input x0 of one example in plain arrays and sends
 * dL/dx0 back to the embedding rows.
 *
 * <p>Event layout: {@code [emb(group 0) .. emb(group G-1) | standardized numerics 0..N-1 | item vector]}. A group's
 * embedding is the value-weighted mean of its features' rows, {@code e_g = (1/n_g) sum_j v_j E_g[idx_j]} (zeros for
 * an absent group). Item layout (genre tower): {@code [emb(item groups) | mean title-token emb | item vector |
 * item history]}; title tokens live in their own table, group id {@code G}.
 */
final class InputStacker {
    private final int dim;
    private final int groups;
    private final int titleGroup;
    private final int userGroup;
    private final int[] itemSlot;
    private final int itemGroupCount;
    private final EmbeddingTables tables;
    private final NumericStandardizer numerics;
    private final ItemVectors vectors;
    private final ItemHistories histories;
    private final int[] counts;

    InputStacker(final DeepMixConfig config, final EmbeddingTables tables, final NumericStandardizer numerics,
                 final ItemVectors vectors, final ItemHistories histories) {
        this.dim = config.embeddingDim();
        this.groups = config.categoricalGroups();
        this.titleGroup = groups;
        this.userGroup = config.userGroup();
        this.tables = tables;
        this.numerics = numerics;
        this.vectors = vectors;
        this.histories = histories;
        this.counts = new int[groups];
        this.itemSlot = new int[groups];
        Arrays.fill(itemSlot, -1);
        final List<Integer> itemGroups = config.itemGroups();
        for (int s = 0; s < itemGroups.size(); s++) {
            itemSlot[itemGroups.get(s)] = s;
        }
        this.itemGroupCount = itemGroups.size();
    }

    int eventDim() {
        return groups * dim + numerics.groups() + vectors.dim();
    }

    /** Width of the event's embedding part, {@code x0[0, eventEmbeddingDim())}: moves only when the tables step. */
    int eventEmbeddingDim() {
        return groups * dim;
    }

    int itemDim() {
        return itemGroupCount * dim + dim + vectors.dim() + dim;
    }

    /** Writes the event's x0 into {@code out[off, off + eventDim())}, which must hold zeros. */
    void stackEvent(final Example e, final float[] out, final int off) {
        pool(e.categorical(), null, out, off);
        final SparseFeatures num = e.numeric();
        final int numOff = off + groups * dim;
        for (int i = 0; i < num.size(); i++) {
            final int g = num.index(i);
            if (g >= 0 && g < numerics.groups()) {
                out[numOff + g] = numerics.standardize(g, num.value(i));
            }
        }
        vectors.copy(e.itemId(), out, numOff + numerics.groups());
    }

    /** Accumulates the embedding-row gradients of an event from its dL/dx0 row {@code dx[off, ..)}. */
    void backpropEvent(final Example e, final float[] dx, final int off) {
        backprop(e.categorical(), null, dx, off);
    }

    /** Writes the event's pooled user-group embedding into {@code out[off, off + dim)}; false if it has none. */
    boolean userVector(final Example e, final float[] out, final int off) {
        final SparseFeatures f = e.categorical();
        int n = 0;
        for (int i = 0; i < f.size(); i++) {
            n += f.group(i) == userGroup ? 1 : 0;
        }
        for (int i = 0; i < f.size() && n > 0; i++) {
            if (f.group(i) == userGroup) {
                tables.accumulate(userGroup, f.index(i), f.value(i) / n, out, off);
            }
        }
        return n > 0;
    }

    /** Writes the item's x0 into {@code out[off, off + itemDim())}, which must hold zeros. */
    void stackItem(final ItemExample item, final float[] out, final int off) {
        pool(item.attributes(), itemSlot, out, off);
        final int titleOff = off + itemGroupCount * dim;
        final int tokens = item.titleTokenCount();
        for (int t = 0; t < tokens; t++) {
            tables.accumulate(titleGroup, item.titleToken(t), 1f / tokens, out, titleOff);
        }
        vectors.copy(item.itemId(), out, titleOff + dim);
        histories.copy(item.itemId(), out, titleOff + dim + vectors.dim());
    }

    /** Accumulates the embedding-row gradients of an item from its dL/dx0 row. */
    void backpropItem(final ItemExample item, final float[] dx, final int off) {
        backprop(item.attributes(), itemSlot, dx, off);
        final int titleOff = off + itemGroupCount * dim;
        final int tokens = item.titleTokenCount();
        for (int t = 0; t < tokens; t++) {
            tables.addGradient(titleGroup, item.titleToken(t), 1f / tokens, dx, titleOff);
        }
    }

    private void pool(final SparseFeatures f, final int[] slotOf, final float[] out, final int off) {
        count(f);
        for (int i = 0; i < f.size(); i++) {
            final int slot = slotOf(f.group(i), slotOf);
            if (slot >= 0) {
                tables.accumulate(f.group(i), f.index(i), f.value(i) / counts[f.group(i)], out, off + slot * dim);
            }
        }
    }

    private void backprop(final SparseFeatures f, final int[] slotOf, final float[] dx, final int off) {
        count(f);
        for (int i = 0; i < f.size(); i++) {
            final int slot = slotOf(f.group(i), slotOf);
            if (slot >= 0) {
                tables.addGradient(f.group(i), f.index(i), f.value(i) / counts[f.group(i)], dx, off + slot * dim);
            }
        }
    }

    private int slotOf(final int group, final int[] slotOf) {
        if (group < 0 || group >= groups) {
            return -1;
        }
        return slotOf == null ? group : slotOf[group];
    }

    private void count(final SparseFeatures f) {
        Arrays.fill(counts, 0);
        for (int i = 0; i < f.size(); i++) {
            final int g = f.group(i);
            if (g >= 0 && g < groups) {
                counts[g]++;
            }
        }
    }
}
