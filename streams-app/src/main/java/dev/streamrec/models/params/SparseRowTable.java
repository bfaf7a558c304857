package dev.streamrec.models.params;

import dev.streamrec.models.TensorSink;
import dev.streamrec.optim.Optimizer;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rows of {@code width} floats keyed by a non-negative long (a hashed feature index, or {@code group << 32 | index}),
 * stored in insertion order in flat arrays with their optimiser slots, a pending gradient and a per-row step count
 * for lazy per-row optimiser steps (each row counts its own updates: Adam's bias correction for sparse rows). An
 * open-addressing map finds a key's slot. No removal. Not thread-safe.
 *
 * <p>Persistence: block {@code b} holds the rows in slots {@code [b * rowsPerBlock, (b + 1) * rowsPerBlock)} (keys,
 * step counts, values, optimiser slots); a block is written again when any of its rows changed. A restored row goes
 * back into its own slot, so a restored table is the drained one, slot for slot.
 */
public final class SparseRowTable implements Persisted {
    private static final long EMPTY = -1L;
    private static final int HEADER_ALLOWANCE = 64;

    private final int width;
    private final Optimizer optimizer;
    private final int rowsPerBlock;
    private long[] table = new long[2 * 64];
    private int rows;
    private int restoredRows;
    private int mapped;
    private long[] keys = new long[32];
    private long[] steps = new long[32];
    private float[] values;
    private float[] grads;
    private float[][] slots;
    private boolean[] touchedFlag = new boolean[32];
    private int[] touched = new int[32];
    private int touchedCount;
    private boolean[] dirtyBlocks = new boolean[1];
    private float[] origins;
    private boolean[] changedFlag;
    private int[] changed;
    private int changedCount;

    public SparseRowTable(final int width, final Optimizer optimizer) {
        if (width < 1) {
            throw new IllegalArgumentException("row width must be positive, got " + width);
        }
        this.width = width;
        this.optimizer = optimizer;
        this.values = new float[32 * width];
        this.grads = new float[32 * width];
        this.slots = new float[optimizer.slots()][32 * width];
        this.rowsPerBlock = (StateCodec.MAX_VALUE_BYTES - HEADER_ALLOWANCE)
            / (2 * Long.BYTES + Float.BYTES * width * (1 + optimizer.slots()));
        Arrays.fill(table, EMPTY);
    }

    public int width() {
        return width;
    }

    /** Rows stored. */
    public int size() {
        return rows;
    }

    public int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** The slot of {@code key}, or -1 when the table has no row for it. */
    public int slot(final long key) {
        final int mask = (table.length >> 1) - 1;
        int pos = (int) (mix(key) & mask);
        while (true) {
            final long k = table[2 * pos];
            if (k == key) {
                return (int) table[2 * pos + 1];
            }
            if (k == EMPTY) {
                return -1;
            }
            pos = (pos + 1) & mask;
        }
    }

    /**
     * Adds a row for an absent {@code key}: values 0 (the caller writes its initial values into {@link #values()} at
     * {@code slot * width}), optimiser slots at their initial values, step count 0, marked dirty. Returns its slot.
     */
    public int insert(final long key) {
        if (key < 0) {
            throw new IllegalArgumentException("row keys must be non-negative, got " + key);
        }
        if (restoredRows != rows) {
            throw new IllegalStateException("sparse table restored with " + restoredRows + " of " + rows
                + " rows: a block of the stored state is missing");
        }
        final int slot = rows++;
        restoredRows = rows;
        ensureRows(rows);
        keys[slot] = key;
        for (int k = 0; k < slots.length; k++) {
            Arrays.fill(slots[k], slot * width, slot * width + width, optimizer.initialSlotValue(k));
        }
        put(key, slot);
        markDirty(slot);
        return slot;
    }

    /**
     * From now on, remember every row's values as they were before its first optimiser step (its origin) and which
     * rows stepped, for parameter sync: a row's change since it was created is its values minus its origin.
     */
    public void trackChanges() {
        if (origins == null) {
            origins = new float[values.length];
            changedFlag = new boolean[keys.length];
            changed = new int[32];
        }
    }

    /** The slots stepped since the previous call (after {@link #trackChanges}), in first-step order; clears them. */
    public int[] takeChangedRows() {
        final int[] out = Arrays.copyOf(changed, changedCount);
        for (final int slot : out) {
            changedFlag[slot] = false;
        }
        changedCount = 0;
        return out;
    }

    /**
     * Element {@code j} of the row's origin (see {@link #trackChanges}); meaningful once the row has stepped
     * ({@code steps(slot) > 0}) after tracking started.
     */
    public float origin(final int slot, final int j) {
        return origins[slot * width + j];
    }

    public long keyAt(final int slot) {
        return keys[slot];
    }

    public long steps(final int slot) {
        return steps[slot];
    }

    /** Row {@code slot} is {@code values()[slot * width, (slot + 1) * width)}; the array moves when the table grows. */
    public float[] values() {
        return values;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Optimiser slot {@code k} of every row, laid out like {@link #values()}; the array moves when the table grows. */
    public float[] optimizerSlot(final int k) {
        return slots[k];
    }

    public float slotValue(final int k, final int slot, final int j) {
        return slots[k][slot * width + j];
    }

    /** Call after writing a row's values directly. */
    public void markDirty(final int slot) {
        final int block = slot / rowsPerBlock;
        if (block >= dirtyBlocks.length) {
            dirtyBlocks = Arrays.copyOf(dirtyBlocks, Math.max(block + 1, 2 * dirtyBlocks.length));
        }
        dirtyBlocks[block] = true;
    }

    /** One lazy step of a width-1 row with gradient {@code g}: {@code g} goes through the optimiser alone. */
    public void step(final int slot, final float g) {
        grads[slot * width] = g;
        stepRow(slot);
    }

    /** Adds {@code scale * g[off, off + width)} to the row's pending gradient (see {@link #applyGradients}). */
    public void addGradient(final int slot, final float scale, final float[] g, final int off) {
        if (!touchedFlag[slot]) {
            touchedFlag[slot] = true;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, 2 * touched.length);
            }
            touched[touchedCount++] = slot;
        }
        final int base = slot * width;
        for (int j = 0; j < width; j++) {
            grads[base + j] += scale * g[off + j];
        }
    }

    /** One optimiser step of every row with a pending gradient, in first-touch order. */
    public void applyGradients() {
        for (int t = 0; t < touchedCount; t++) {
            touchedFlag[touched[t]] = false;
            stepRow(touched[t]);
        }
        touchedCount = 0;
    }

    /** The pending gradient of {@code slot} (for gradient checks). */
    public float[] pendingGradient(final int slot) {
        return Arrays.copyOfRange(grads, slot * width, slot * width + width);
    }

    /** Drops every pending gradient without a step. */
    public void discardGradients() {
        for (int t = 0; t < touchedCount; t++) {
            touchedFlag[touched[t]] = false;
            Arrays.fill(grads, touched[t] * width, touched[t] * width + width, 0f);
        }
        touchedCount = 0;
    }

    private void stepRow(final int slot) {
        final int base = slot * width;
        if (origins != null) {
            if (steps[slot] == 0) {
                System.arraycopy(values, base, origins, base, width);
            }
            if (!changedFlag[slot]) {
                changedFlag[slot] = true;
                if (changedCount == changed.length) {
                    changed = Arrays.copyOf(changed, 2 * changedCount);
                }
                changed[changedCount++] = slot;
            }
        }
        optimizer.step(values, grads, slots, base, base + width, ++steps[slot]);
        Arrays.fill(grads, base, base + width, 0f);
        markDirty(slot);
    }

    /**
     * The rows as the sparse table {@code <prefix>} and their optimiser slots as {@code <prefix>.state<k>}, keys
     * ascending.
     */
    public void exportTensors(final TensorSink sink, final String prefix) {
        final Integer[] order = new Integer[rows];
        for (int s = 0; s < rows; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        final long[] sortedKeys = new long[rows];
        final double[] rowValues = new double[rows * width];
        final double[][] rowSlots = new double[slots.length][rows * width];
        for (int r = 0; r < rows; r++) {
            final int s = order[r];
            sortedKeys[r] = keys[s];
            for (int j = 0; j < width; j++) {
                rowValues[r * width + j] = values[s * width + j];
                for (int k = 0; k < slots.length; k++) {
                    rowSlots[k][r * width + j] = slots[k][s * width + j];
                }
            }
        }
        sink.sparse(prefix, sortedKeys, width, rowValues);
        for (int k = 0; k < slots.length; k++) {
            sink.sparse(prefix + ".state" + k, sortedKeys, width, rowSlots[k]);
        }
    }

    @Override
    public void markAllDirty() {
        for (int s = 0; s < rows; s += rowsPerBlock) {
            markDirty(s);
        }
    }

    @Override
    public void drain(final Blocks out) {
        for (int b = 0; b < dirtyBlocks.length; b++) {
            if (!dirtyBlocks[b]) {
                continue;
            }
            dirtyBlocks[b] = false;
            final int start = b * rowsPerBlock;
            final int end = Math.min(rows, start + rowsPerBlock);
            out.put(b, o -> {
                o.writeByte(slots.length);
                o.writeInt(end - start);
                for (int s = start; s < end; s++) {
                    o.writeLong(keys[s]);
                    o.writeLong(steps[s]);
                }
                StateCodec.writeFloats(o, values, start * width, end * width);
                for (final float[] slot : slots) {
                    StateCodec.writeFloats(o, slot, start * width, end * width);
                }
            });
        }
    }

    @Override
    public void restore(final int block, final DataInputStream in) throws IOException {
        final int slotCount = in.readByte();
        StateCodec.check(slotCount == slots.length, "optimiser slots (another optimiser?)", slotCount,
            slots.length);
        final int count = in.readInt();
        StateCodec.check(block >= 0 && count > 0 && count <= rowsPerBlock, "rows in sparse block " + block, count,
            rowsPerBlock);
        final int start = block * rowsPerBlock;
        ensureRows(start + count);
        for (int s = start; s < start + count; s++) {
            final long key = in.readLong();
            if (key < 0 || slot(key) >= 0) {
                throw new IllegalArgumentException("sparse block " + block + " holds key " + key
                    + " twice or negative");
            }
            keys[s] = key;
            steps[s] = in.readLong();
            put(key, s);
        }
        StateCodec.readFloats(in, values, start * width, count * width);
        for (final float[] slot : slots) {
            StateCodec.readFloats(in, slot, start * width, count * width);
        }
        rows = Math.max(rows, start + count);
        restoredRows += count;
    }

    private void put(final long key, final int slot) {
        if (2 * (mapped + 1) > table.length >> 1) {
            rehash(table.length);
        }
        final int mask = (table.length >> 1) - 1;
        int pos = (int) (mix(key) & mask);
        while (table[2 * pos] != EMPTY) {
            pos = (pos + 1) & mask;
        }
        table[2 * pos] = key;
        table[2 * pos + 1] = slot;
        mapped++;
    }

    private void rehash(final int capacity) {
        final long[] old = table;
        table = new long[2 * capacity];
        Arrays.fill(table, EMPTY);
        final int mask = capacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int pos = (int) (mix(old[i]) & mask);
                while (table[2 * pos] != EMPTY) {
                    pos = (pos + 1) & mask;
                }
                table[2 * pos] = old[i];
                table[2 * pos + 1] = old[i + 1];
            }
        }
    }

    private void ensureRows(final int needed) {
        if (needed <= keys.length) {
            return;
        }
        final int cap = Math.max(needed, 2 * keys.length);
        keys = Arrays.copyOf(keys, cap);
        steps = Arrays.copyOf(steps, cap);
        touchedFlag = Arrays.copyOf(touchedFlag, cap);
        values = Arrays.copyOf(values, cap * width);
        if (origins != null) {
            origins = Arrays.copyOf(origins, cap * width);
            changedFlag = Arrays.copyOf(changedFlag, cap);
        }
        grads = Arrays.copyOf(grads, cap * width);
        for (int k = 0; k < slots.length; k++) {
            slots[k] = Arrays.copyOf(slots[k], cap * width);
        }
    }

    private static long mix(final long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86DA9B5FBL;
        return z ^ (z >>> 29);
    }
}
