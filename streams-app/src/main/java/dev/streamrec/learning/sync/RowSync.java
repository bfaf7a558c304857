package dev.streamrec.learning.sync;

import java.util.Arrays;

import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.AdaGrad;

/**
 * Sync of one sparse-row table. Each row shares its values and, under AdaGrad, its accumulators (sums of squared
 * gradients, Duchi et al. 2011: {@code G += g^2}, additive like FTRL's n, so that every task's step size decays with
 * the global traffic); a delta row is {@code [values delta][accumulator delta]}. Adam's moments (exponential
 * averages, not sums) and step counts stay the task's own.
 *
 * <p>A row's delta is {@code shared - base}, where the base is the row at the previous extraction (plus what was
 * applied since), or its origin (values before its first step, the optimiser's initial accumulator) for a row created
 * in the round; such a row also carries its origin, so that a task without the row creates it as
 * {@code origin + merged delta}. "Created in the round" means "first stepped by this task in the round", also for a
 * row a merged round inserted: it is decided by the row's step count alone, so a task rebuilt from a checkpoint
 * taken right after a merged round publishes exactly what it would have published without the restart.
 */
final class RowSync implements SharedPart {
    private final SparseRowTable table;
    private final int width;
    private final int stride;
    private final float initialAccumulator;
    private float[] base = new float[0];
    private boolean[] hasBase = new boolean[0];
    private boolean[] published = new boolean[0];

    RowSync(final SparseRowTable table) {
        this.table = table;
        this.width = table.width();
        final boolean adaGrad = table.optimizer() instanceof AdaGrad;
        this.stride = adaGrad ? 2 * width : width;
        this.initialAccumulator = adaGrad ? table.optimizer().initialSlotValue(0) : 0f;
        table.trackChanges();
        ensure(table.size());
        for (int s = 0; s < table.size(); s++) {
            for (int j = 0; j < stride; j++) {
                base[s * stride + j] = read(s, j);
            }
            hasBase[s] = true;
            published[s] = table.steps(s) > 0;
        }
    }

    @Override
    public PartDelta extract() {
        final int[] changed = table.takeChangedRows();
        if (changed.length == 0) {
            return null;
        }
        ensure(table.size());
        final long[] keys = new long[changed.length];
        for (int k = 0; k < changed.length; k++) {
            keys[k] = table.keyAt(changed[k]);
        }
        Arrays.sort(keys);
        final float[] delta = new float[keys.length * stride];
        final float[] origin = new float[delta.length];
        final boolean[] created = new boolean[keys.length];
        for (int k = 0; k < keys.length; k++) {
            final int s = table.slot(keys[k]);
            if (!hasBase[s]) {
                for (int j = 0; j < stride; j++) {
                    base[s * stride + j] = origin(s, j);
                }
                hasBase[s] = true;
            }
            created[k] = !published[s];
            published[s] = true;
            for (int j = 0; j < stride; j++) {
                final float now = read(s, j);
                delta[k * stride + j] = now - base[s * stride + j];
                base[s * stride + j] = now;
                if (created[k]) {
                    origin[k * stride + j] = origin(s, j);
                }
            }
        }
        return new PartDelta.Rows(stride, keys, delta, created, origin);
    }

    @Override
    public void apply(final PartDelta merged, final PartDelta own) {
        final PartDelta.Rows m = (PartDelta.Rows) merged;
        if (m.width() != stride) {
            throw new IllegalArgumentException("merged rows of " + m.width() + " shared floats for a table sharing "
                + stride + " (another optimiser or row width?)");
        }
        final PartDelta.Rows o = own == null ? null : (PartDelta.Rows) own;
        ensure(table.size()); // the model may have created rows since the last extraction
        final float[] a = new float[stride];
        int k = 0;
        for (int r = 0; r < m.keys().length; r++) {
            final long key = m.keys()[r];
            while (o != null && k < o.keys().length && o.keys()[k] < key) {
                k++;
            }
            final boolean mine = o != null && k < o.keys().length && o.keys()[k] == key;
            for (int j = 0; j < stride; j++) {
                a[j] = mine ? m.delta()[r * stride + j] - o.delta()[k * stride + j] : m.delta()[r * stride + j];
            }
            int s = table.slot(key);
            if (s < 0) {
                s = table.insert(key);
                ensure(table.size());
                for (int j = 0; j < stride; j++) {
                    final float start = m.created()[r] ? m.origin()[r * stride + j] : j < width ? 0f
                        : initialAccumulator;
                    write(s, j, start + a[j]);
                    base[s * stride + j] = start + a[j];
                }
                hasBase[s] = true;
                continue; // not published: its first own step will carry its origin, as any row's does
            }
            addTo(s, a);
        }
    }

    private void addTo(final int s, final float[] a) {
        boolean changed = false;
        for (int j = 0; j < stride; j++) {
            if (a[j] != 0f) {
                write(s, j, read(s, j) + a[j]);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        if (hasBase[s]) {
            for (int j = 0; j < stride; j++) {
                base[s * stride + j] += a[j];
            }
        } else if (table.steps(s) > 0) {
            // created and stepped in the open round: its base is its origin plus what was applied since
            for (int j = 0; j < stride; j++) {
                base[s * stride + j] = origin(s, j) + a[j];
            }
            hasBase[s] = true;
        }
        // a row never stepped takes its origin at its first step, applied amounts included
        table.markDirty(s);
    }

    /** Shared element {@code j} of row {@code s}: a value, then (AdaGrad) an accumulator. */
    private float read(final int s, final int j) {
        return j < width ? table.values()[s * width + j] : table.optimizerSlot(0)[s * width + j - width];
    }

    private void write(final int s, final int j, final float v) {
        if (j < width) {
            table.values()[s * width + j] = v;
        } else {
            table.optimizerSlot(0)[s * width + j - width] = v;
        }
    }

    private float origin(final int s, final int j) {
        return j < width ? table.origin(s, j) : initialAccumulator;
    }

    private void ensure(final int rows) {
        if (hasBase.length >= rows) {
            return;
        }
        final int cap = Math.max(rows, 2 * hasBase.length);
        base = Arrays.copyOf(base, cap * stride);
        hasBase = Arrays.copyOf(hasBase, cap);
        published = Arrays.copyOf(published, cap);
    }
}
