package dev.streamrec.learning.sync;

import java.util.Arrays;

import dev.streamrec.models.params.SparseRowTable;

/**
 * Sync of one sparse-row table's values. A row's round delta is {@code values - base}, where the base is the row's
 * values at the previous extraction (plus what was applied since), or its origin (values before its first step) for a
 * row created in the round; such a row also carries its origin, so that a task without the row creates it as
 * {@code origin + merged delta}. Optimiser slots and step counts stay the task's own.
 */
final class RowSync implements SharedPart {
    private final SparseRowTable table;
    private final int width;
    private float[] base = new float[0];
    private boolean[] hasBase = new boolean[0];
    private boolean[] published = new boolean[0];

    RowSync(final SparseRowTable table) {
        this.table = table;
        this.width = table.width();
        table.trackChanges();
        ensure(table.size());
        for (int s = 0; s < table.size(); s++) {
            System.arraycopy(table.values(), s * width, base, s * width, width);
            hasBase[s] = true;
            published[s] = true;
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
        final float[] delta = new float[keys.length * width];
        final float[] origin = new float[delta.length];
        final boolean[] created = new boolean[keys.length];
        final float[] values = table.values();
        for (int k = 0; k < keys.length; k++) {
            final int s = table.slot(keys[k]);
            if (!hasBase[s]) {
                for (int j = 0; j < width; j++) {
                    base[s * width + j] = table.origin(s, j);
                }
                hasBase[s] = true;
            }
            created[k] = !published[s];
            published[s] = true;
            for (int j = 0; j < width; j++) {
                delta[k * width + j] = values[s * width + j] - base[s * width + j];
                base[s * width + j] = values[s * width + j];
                if (created[k]) {
                    origin[k * width + j] = table.origin(s, j);
                }
            }
        }
        return new PartDelta.Rows(width, keys, delta, created, origin);
    }

    @Override
    public void apply(final PartDelta merged, final PartDelta own) {
        final PartDelta.Rows m = (PartDelta.Rows) merged;
        if (m.width() != width) {
            throw new IllegalArgumentException("merged rows of width " + m.width() + " for a table of width " + width);
        }
        final PartDelta.Rows o = own == null ? null : (PartDelta.Rows) own;
        ensure(table.size()); // the model may have created rows since the last extraction
        final float[] a = new float[width];
        int k = 0;
        for (int r = 0; r < m.keys().length; r++) {
            final long key = m.keys()[r];
            while (o != null && k < o.keys().length && o.keys()[k] < key) {
                k++;
            }
            final boolean mine = o != null && k < o.keys().length && o.keys()[k] == key;
            for (int j = 0; j < width; j++) {
                a[j] = mine ? m.delta()[r * width + j] - o.delta()[k * width + j] : m.delta()[r * width + j];
            }
            int s = table.slot(key);
            if (s < 0) {
                s = table.insert(key);
                ensure(table.size());
                final float[] values = table.values();
                for (int j = 0; j < width; j++) {
                    values[s * width + j] = (m.created()[r] ? m.origin()[r * width + j] : 0f) + a[j];
                    base[s * width + j] = values[s * width + j];
                }
                hasBase[s] = true;
                published[s] = true;
                continue;
            }
            addTo(s, a);
        }
    }

    private void addTo(final int s, final float[] a) {
        final float[] values = table.values();
        boolean changed = false;
        for (int j = 0; j < width; j++) {
            if (a[j] != 0f) {
                values[s * width + j] += a[j];
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        if (hasBase[s]) {
            for (int j = 0; j < width; j++) {
                base[s * width + j] += a[j];
            }
        } else if (table.steps(s) > 0) {
            // created and stepped in the open round: its base is its origin plus what was applied since
            for (int j = 0; j < width; j++) {
                base[s * width + j] = table.origin(s, j) + a[j];
            }
            hasBase[s] = true;
        }
        // a row never stepped takes its origin at its first step, applied amounts included
        table.markDirty(s);
    }

    private void ensure(final int rows) {
        if (hasBase.length >= rows) {
            return;
        }
        final int cap = Math.max(rows, 2 * hasBase.length);
        base = Arrays.copyOf(base, cap * width);
        hasBase = Arrays.copyOf(hasBase, cap);
        published = Arrays.copyOf(published, cap);
    }
}
