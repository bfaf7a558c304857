package dev.streamrec.learning.sync;

import dev.streamrec.models.params.DenseTensor;

/**
 * Sync of one dense tensor's values: a round's delta is {@code values - base}, whole, in rounds in which the tensor
 * stepped; merged deltas add (N tasks' steps from the same parameters sum, to first order, to one task's steps on
 * all their events). The optimiser slots (Adam's moments) stay the task's own.
 */
final class DenseSync implements SharedPart {
    private final DenseTensor tensor;
    private final float[] base;
    private long changes;

    DenseSync(final DenseTensor tensor) {
        this.tensor = tensor;
        this.base = new float[tensor.length()];
        System.arraycopy(tensor.values(), tensor.from(), base, 0, base.length);
        this.changes = tensor.changes();
    }

    @Override
    public PartDelta extract() {
        if (tensor.changes() == changes) {
            return null;
        }
        changes = tensor.changes();
        final float[] values = tensor.values();
        final int from = tensor.from();
        final float[] delta = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            delta[i] = values[from + i] - base[i];
            base[i] = values[from + i];
        }
        return new PartDelta.Dense(delta);
    }

    @Override
    public void apply(final PartDelta merged, final PartDelta own) {
        final float[] m = ((PartDelta.Dense) merged).delta();
        final float[] o = own == null ? null : ((PartDelta.Dense) own).delta();
        if (m.length != base.length) {
            throw new IllegalArgumentException("merged dense delta of " + m.length + " elements for a tensor of "
                + base.length);
        }
        final float[] values = tensor.values();
        final int from = tensor.from();
        boolean changed = false;
        for (int i = 0; i < m.length; i++) {
            final float a = o == null ? m[i] : m[i] - o[i];
            if (a != 0f) {
                values[from + i] += a;
                base[i] += a;
                changed = true;
            }
        }
        if (changed) {
            tensor.valuesChanged();
        }
    }
}
