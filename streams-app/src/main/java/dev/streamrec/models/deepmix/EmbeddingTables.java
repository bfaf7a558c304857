package dev.streamrec.models.deepmix;

import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.Optimizer;

import java.util.SplittableRandom;

/**
 * Hashed embedding rows, one logical table per feature group, stored sparsely in one {@link SparseRowTable} keyed
 * by {@code group << 32 | index} (values, optimiser slots, pending gradients, per-row step counts).
 *
 * <p>A row that was never trained is not stored: reads compute its deterministic initial value from
 * (seed, group, index), so {@link #accumulate} (prediction) never mutates. Rows are created the first time a
 * gradient reaches them ({@link #addGradient}) and updated lazily by {@link #applyGradients}, each with its own
 * step count (Adam's bias correction for sparse rows).
 */
final class EmbeddingTables {
    private final int dim;
    private final long seed;
    private final float initScale;
    private final SparseRowTable rows;

    EmbeddingTables(final int dim, final long seed, final Optimizer optimizer) {
        this.dim = dim;
        this.seed = seed;
        this.initScale = (float) (0.5 / Math.sqrt(dim));
        this.rows = new SparseRowTable(dim, optimizer);
    }

    int dim() {
        return dim;
    }

    /** Rows stored (touched by training or restored). */
    int rowCount() {
        return rows.size();
    }

    /** The persisted table. */
    SparseRowTable rows() {
        return rows;
    }

    static long key(final int group, final int index) {
        return ((long) group << 32) | (index & 0xFFFFFFFFL);
    }

    /** Adds {@code scale * row(group, index)} into {@code out[off, off + dim)}; never mutates the tables. */
    void accumulate(final int group, final int index, final float scale, final float[] out, final int off) {
        final int slot = rows.slot(key(group, index));
        if (slot >= 0) {
            final float[] values = rows.values();
            final int base = slot * dim;
            for (int j = 0; j < dim; j++) {
                out[off + j] += scale * values[base + j];
            }
        } else {
            final SplittableRandom random = initRandom(group, index);
            for (int j = 0; j < dim; j++) {
                out[off + j] += scale * initValue(random);
            }
        }
    }

    /** Adds {@code scale * g[off, off + dim)} to the pending gradient of the row, creating the row if needed. */
    void addGradient(final int group, final int index, final float scale, final float[] g, final int off) {
        rows.addGradient(slotFor(group, index), scale, g, off);
    }

    /** One optimiser step on every row that got a gradient since the last call, in first-touch order. */
    void applyGradients() {
        rows.applyGradients();
    }

    /** The gradient pending for a row (zeros if none); for gradient checks. */
    float[] pendingGradient(final int group, final int index) {
        final int slot = rows.slot(key(group, index));
        return slot < 0 ? new float[dim] : rows.pendingGradient(slot);
    }

    /** Drops every pending gradient without a step. */
    void discardGradients() {
        rows.discardGradients();
    }

    /**
     * Writes every row as the sparse table {@code <prefix>} (width {@link #dim()}) and its optimiser slots as
     * {@code <prefix>.state<k>}, keyed by {@code group << 32 | index} in ascending order.
     */
    void exportTensors(final TensorSink sink, final String prefix) {
        rows.exportTensors(sink, prefix);
    }

    private SplittableRandom initRandom(final int group, final int index) {
        return new SplittableRandom(seed ^ (key(group, index) * 0xBF58476D1CE4E5B9L));
    }

    private float initValue(final SplittableRandom random) {
        return (float) ((random.nextDouble() * 2 - 1) * initScale);
    }

    private int slotFor(final int group, final int index) {
        final long key = key(group, index);
        final int existing = rows.slot(key);
        if (existing >= 0) {
            return existing;
        }
        final int slot = rows.insert(key);
        final float[] values = rows.values();
        final SplittableRandom random = initRandom(group, index);
        for (int j = 0; j < dim; j++) {
            values[slot * dim + j] = initValue(random);
        }
        return slot;
    }
}
