package dev.streamrec.models.lcwd;

import dev.streamrec.models.TensorSink;
import dev.streamrec.optim.Optimizer;
import java.util.Arrays;

/**
 * The touched entries of the paper's "diagonal" M1 (one weight per hashed feature), with per-entry optimiser state
 * and a per-entry update count for lazy (per-row) optimiser steps, plus dirty tracking for persistence.
 */
final class SparseRows {
    private final Optimizer optimizer;
    private final IntSlotMap slots = new IntSlotMap();
    private float[] values = new float[32];
    private float[] grads = new float[32];
    private float[][] state;
    private long[] steps = new long[32];
    private boolean[] dirty = new boolean[32];
    private int[] dirtySlots = new int[32];
    private int dirtyCount;

    SparseRows(final Optimizer optimizer) {
        this.optimizer = optimizer;
        this.state = new float[optimizer.slots()][32];
        for (int s = 0; s < state.length; s++) {
            Arrays.fill(state[s], optimizer.initialSlotValue(s));
        }
    }

    int size() {
        return slots.size();
    }

    /** The slot of feature {@code index}, or -1 if M1 has no entry for it yet. */
    int slot(final int index) {
        return slots.slot(index);
    }

    int indexAt(final int slot) {
        return slots.keyAt(slot);
    }

    float value(final int slot) {
        return values[slot];
    }

    /** Test hook for finite-difference checks: overwrites one entry's value without marking it dirty. */
    void setValue(final int slot, final float value) {
        values[slot] = value;
    }

    long steps(final int slot) {
        return steps[slot];
    }

    float stateValue(final int s, final int slot) {
        return state[s][slot];
    }

    int stateSlots() {
        return state.length;
    }

    /** Adds the entry for {@code index} with value {@code initial} (marked dirty); returns its slot. */
    int insert(final int index, final float initial) {
        final int slot = slots.slotOrInsert(index);
        ensureCapacity(slot + 1);
        values[slot] = initial;
        markDirty(slot);
        return slot;
    }

    /** Overwrites (or adds) an entry from persisted state, without marking it dirty. */
    void restore(final int index, final float value, final long rowSteps, final float[] rowState) {
        if (rowState.length != state.length) {
            throw new IllegalStateException("persisted M1 row of feature " + index + " has " + rowState.length
                + " optimiser slots, but the configured optimiser " + optimizer + " has " + state.length);
        }
        final int slot = slots.slotOrInsert(index);
        ensureCapacity(slot + 1);
        values[slot] = value;
        steps[slot] = rowSteps;
        for (int s = 0; s < state.length; s++) {
            state[s][slot] = rowState[s];
        }
    }

    /** One lazy optimiser step on one entry (its own step count), marking it dirty. */
    void step(final int slot, final float gradient) {
        grads[slot] = gradient;
        optimizer.step(values, grads, state, slot, slot + 1, ++steps[slot]);
        grads[slot] = 0f;
        markDirty(slot);
    }

    /** Hands every dirty slot, in the order it became dirty, to {@code consumer}, then forgets them. */
    /**
     * Writes the rows as sparse tables {@code <prefix>} (values) and {@code <prefix>.state<s>} (optimiser slots),
     * keyed by feature index in ascending order.
     */
    void exportTensors(final TensorSink sink, final String prefix) {
        final int n = slots.size();
        final long[][] order = new long[n][];
        for (int slot = 0; slot < n; slot++) {
            order[slot] = new long[] {slots.keyAt(slot), slot};
        }
        Arrays.sort(order, (a, b) -> Long.compare(a[0], b[0]));
        final long[] keys = new long[n];
        final double[] rowValues = new double[n];
        final double[][] rowState = new double[state.length][n];
        for (int k = 0; k < n; k++) {
            final int slot = (int) order[k][1];
            keys[k] = order[k][0];
            rowValues[k] = values[slot];
            for (int s = 0; s < state.length; s++) {
                rowState[s][k] = state[s][slot];
            }
        }
        sink.sparse(prefix, keys, 1, rowValues);
        for (int s = 0; s < state.length; s++) {
            sink.sparse(prefix + ".state" + s, keys, 1, rowState[s]);
        }
    }

    void drainDirty(final java.util.function.IntConsumer consumer) {
        for (int i = 0; i < dirtyCount; i++) {
            final int slot = dirtySlots[i];
            dirty[slot] = false;
            consumer.accept(slot);
        }
        dirtyCount = 0;
    }

    private void markDirty(final int slot) {
        if (!dirty[slot]) {
            dirty[slot] = true;
            if (dirtyCount == dirtySlots.length) {
                dirtySlots = Arrays.copyOf(dirtySlots, dirtyCount * 2);
            }
            dirtySlots[dirtyCount++] = slot;
        }
    }

    private void ensureCapacity(final int needed) {
        if (needed <= values.length) {
            return;
        }
        final int capacity = Math.max(needed, values.length * 2);
        values = Arrays.copyOf(values, capacity);
        grads = Arrays.copyOf(grads, capacity);
        steps = Arrays.copyOf(steps, capacity);
        dirty = Arrays.copyOf(dirty, capacity);
        for (int s = 0; s < state.length; s++) {
            final int old = state[s].length;
            state[s] = Arrays.copyOf(state[s], capacity);
            Arrays.fill(state[s], old, capacity, optimizer.initialSlotValue(s));
        }
    }
}
