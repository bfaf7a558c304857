package dev.streamrec.models.deepmix;

import dev.streamrec.models.TensorSink;
import dev.streamrec.optim.Optimizer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hashed embedding rows, one logical table per feature group, stored sparsely: an open-addressing map from
 * (group, hashed index) to a row slot in flat arrays (values, optimiser slots, gradients, per-row step counts).
 *
 * <p>A row that was never trained is not stored: reads compute its deterministic initial value from
 * (seed, group, index), so {@link #accumulate} (prediction) never mutates. Rows are created the first time a
 * gradient reaches them ({@link #addGradient}) and updated lazily by {@link #applyGradients}, each with its own
 * step count (Adam's bias correction for sparse rows).
 */
final class EmbeddingTables {
    private static final long EMPTY = Long.MIN_VALUE;
    private final int dim;
    private final long seed;
    private final float initScale;
    private final Optimizer optimizer;
    private long[] keys;
    private int[] slotOf;
    private int rows;
    private float[] values;
    private float[] grads;
    private float[][] slots;
    private long[] steps;
    private long[] slotKey;
    private boolean[] dirty;
    private boolean[] touchedFlag;
    private int[] dirtyList;
    private int dirtyCount;
    private int[] touched;
    private int touchedCount;

    EmbeddingTables(final int dim, final long seed, final Optimizer optimizer) {
        this.dim = dim;
        this.seed = seed;
        this.initScale = (float) (0.5 / Math.sqrt(dim));
        this.optimizer = optimizer;
        this.keys = new long[1024];
        Arrays.fill(keys, EMPTY);
        this.slotOf = new int[1024];
        final int cap = 256;
        this.values = new float[cap * dim];
        this.grads = new float[cap * dim];
        this.slots = new float[optimizer.slots()][cap * dim];
        this.steps = new long[cap];
        this.slotKey = new long[cap];
        this.dirty = new boolean[cap];
        this.touchedFlag = new boolean[cap];
        this.dirtyList = new int[cap];
        this.touched = new int[cap];
    }

    int dim() {
        return dim;
    }

    /** Rows stored (touched by training or restored). */
    int rowCount() {
        return rows;
    }

    static long key(final int group, final int index) {
        return ((long) group << 32) | (index & 0xFFFFFFFFL);
    }

    /** Adds {@code scale * row(group, index)} into {@code out[off, off + dim)}; never mutates the tables. */
    void accumulate(final int group, final int index, final float scale, final float[] out, final int off) {
        final int slot = find(key(group, index));
        if (slot >= 0) {
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
        final int slot = slotFor(group, index);
        if (!touchedFlag[slot]) {
            touchedFlag[slot] = true;
            touched = grow(touched, touchedCount + 1);
            touched[touchedCount++] = slot;
        }
        final int base = slot * dim;
        for (int j = 0; j < dim; j++) {
            grads[base + j] += scale * g[off + j];
        }
    }

    /** One optimiser step on every row that got a gradient since the last call, in first-touch order. */
    void applyGradients() {
        for (int t = 0; t < touchedCount; t++) {
            final int slot = touched[t];
            touchedFlag[slot] = false;
            steps[slot]++;
            final int base = slot * dim;
            optimizer.step(values, grads, slots, base, base + dim, steps[slot]);
            Arrays.fill(grads, base, base + dim, 0f);
            markDirty(slot);
        }
        touchedCount = 0;
    }

    /** The gradient pending for a row (zeros if none); for gradient checks. */
    float[] pendingGradient(final int group, final int index) {
        final int slot = find(key(group, index));
        return slot < 0 ? new float[dim] : Arrays.copyOfRange(grads, slot * dim, slot * dim + dim);
    }

    /** Drops every pending gradient without a step. */
    void discardGradients() {
        for (int t = 0; t < touchedCount; t++) {
            touchedFlag[touched[t]] = false;
            Arrays.fill(grads, touched[t] * dim, touched[t] * dim + dim, 0f);
        }
        touchedCount = 0;
    }

    /** Marks every stored row changed, so the next drain writes them all. */
    void markAllDirty() {
        for (int slot = 0; slot < rows; slot++) {
            markDirty(slot);
        }
    }

    /** Visits and forgets the rows changed since the previous drain. */
    void drainDirty(final RowVisitor visitor) {
        for (int i = 0; i < dirtyCount; i++) {
            final int slot = dirtyList[i];
            dirty[slot] = false;
            final float[][] state = new float[slots.length][];
            for (int k = 0; k < slots.length; k++) {
                state[k] = Arrays.copyOfRange(slots[k], slot * dim, slot * dim + dim);
            }
            visitor.row((int) (slotKey[slot] >>> 32), (int) slotKey[slot],
                Arrays.copyOfRange(values, slot * dim, slot * dim + dim), state, steps[slot]);
        }
        dirtyCount = 0;
    }

    /**
     * Writes every row as the sparse table {@code <prefix>} (width {@link #dim()}) and its optimiser slots as
     * {@code <prefix>.state<k>}, keyed by {@code group << 32 | index} in ascending order.
     */
    void exportTensors(final TensorSink sink, final String prefix) {
        final long[][] order = new long[rows][];
        for (int slot = 0; slot < rows; slot++) {
            order[slot] = new long[] {slotKey[slot], slot};
        }
        Arrays.sort(order, (a, b) -> Long.compare(a[0], b[0]));
        final long[] rowKeys = new long[rows];
        final double[] rowValues = new double[rows * dim];
        final double[][] rowState = new double[slots.length][rows * dim];
        for (int k = 0; k < rows; k++) {
            final int slot = (int) order[k][1];
            rowKeys[k] = order[k][0];
            for (int j = 0; j < dim; j++) {
                rowValues[k * dim + j] = values[slot * dim + j];
                for (int s = 0; s < slots.length; s++) {
                    rowState[s][k * dim + j] = slots[s][slot * dim + j];
                }
            }
        }
        sink.sparse(prefix, rowKeys, dim, rowValues);
        for (int s = 0; s < slots.length; s++) {
            sink.sparse(prefix + ".state" + s, rowKeys, dim, rowState[s]);
        }
    }

    /** Stores a row exactly as drained. */
    void restore(final int group, final int index, final float[] row, final float[][] state, final long rowSteps) {
        if (row.length != dim || state.length != slots.length) {
            throw new IllegalArgumentException("embedding row of width " + row.length + " with " + state.length
                + " optimiser slots does not fit dim " + dim + " with " + slots.length + " slots");
        }
        final int slot = slotFor(group, index);
        System.arraycopy(row, 0, values, slot * dim, dim);
        for (int k = 0; k < slots.length; k++) {
            System.arraycopy(state[k], 0, slots[k], slot * dim, dim);
        }
        steps[slot] = rowSteps;
    }

    /** Receives one drained row. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int group, int index, float[] values, float[][] optimizerState, long steps);
    }

    private void markDirty(final int slot) {
        if (!dirty[slot]) {
            dirty[slot] = true;
            dirtyList = grow(dirtyList, dirtyCount + 1);
            dirtyList[dirtyCount++] = slot;
        }
    }

    private SplittableRandom initRandom(final int group, final int index) {
        return new SplittableRandom(seed ^ (key(group, index) * 0xBF58476D1CE4E5B9L));
    }

    private float initValue(final SplittableRandom random) {
        return (float) ((random.nextDouble() * 2 - 1) * initScale);
    }

    private int find(final long key) {
        final int mask = keys.length - 1;
        int pos = (int) (mix(key) & mask);
        while (keys[pos] != EMPTY) {
            if (keys[pos] == key) {
                return slotOf[pos];
            }
            pos = (pos + 1) & mask;
        }
        return -1;
    }

    private int slotFor(final int group, final int index) {
        final long key = key(group, index);
        final int existing = find(key);
        if (existing >= 0) {
            return existing;
        }
        if ((rows + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        final int slot = rows++;
        ensureRows(rows);
        final SplittableRandom random = initRandom(group, index);
        for (int j = 0; j < dim; j++) {
            values[slot * dim + j] = initValue(random);
        }
        for (int k = 0; k < slots.length; k++) {
            Arrays.fill(slots[k], slot * dim, slot * dim + dim, optimizer.initialSlotValue(k));
        }
        slotKey[slot] = key;
        insert(key, slot);
        return slot;
    }

    private void insert(final long key, final int slot) {
        final int mask = keys.length - 1;
        int pos = (int) (mix(key) & mask);
        while (keys[pos] != EMPTY) {
            pos = (pos + 1) & mask;
        }
        keys[pos] = key;
        slotOf[pos] = slot;
    }

    private void rehash(final int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        slotOf = new int[capacity];
        for (int s = 0; s < rows; s++) {
            insert(slotKey[s], s);
        }
    }

    private void ensureRows(final int needed) {
        if (needed <= steps.length) {
            return;
        }
        final int cap = Math.max(needed, steps.length * 2);
        values = Arrays.copyOf(values, cap * dim);
        grads = Arrays.copyOf(grads, cap * dim);
        for (int k = 0; k < slots.length; k++) {
            slots[k] = Arrays.copyOf(slots[k], cap * dim);
        }
        steps = Arrays.copyOf(steps, cap);
        slotKey = Arrays.copyOf(slotKey, cap);
        dirty = Arrays.copyOf(dirty, cap);
        touchedFlag = Arrays.copyOf(touchedFlag, cap);
    }

    private static int[] grow(final int[] a, final int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    private static long mix(final long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86DA9B5FBL;
        return z ^ (z >>> 29);
    }
}
