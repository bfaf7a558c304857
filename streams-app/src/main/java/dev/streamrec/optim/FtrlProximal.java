package dev.streamrec.optim;

import dev.streamrec.features.SparseFeatures;

/**
 * FTRL-Proximal per-coordinate online learner over a hashed space of {@code 2^hashBits} coordinates (McMahan et al.
 * 2013, "Ad Click Prediction: a View from the Trenches", Algorithm 1), loss-agnostic: the caller supplies the
 * derivative of its loss w.r.t. the margin, {@code gradScale}, and coordinate i receives {@code g_i = gradScale * x_i}.
 *
 * <p>State: {@code z_i} and {@code n_i} as doubles, interleaved in one array ({@code zn[2i] = z_i},
 * {@code zn[2i+1] = n_i}). Doubles because {@code n_i} is a sum of squared gradients over millions of events (the
 * bias coordinate sees every event): with float's 24-bit mantissa small increments vanish once n_i is ~10^7 times
 * larger, and bit-identical persistence is simplest with one type. Interleaving puts z_i and n_i in one cache line,
 * halving cache misses on random hashed indices. Cost: 16 bytes per coordinate, 16 MiB at 20 bits.
 *
 * <p>Persistence is the model's ({@code models.params.FtrlCoordinates}): this class marks which blocks of
 * {@value #BLOCK_BITS}-bit coordinate ranges changed and gives read and restore access to z and n.
 *
 * <p>Not thread-safe. {@link #dot} and {@link #update} allocate nothing once the scratch space fits the largest
 * example seen.
 */
public final class FtrlProximal {
    /**
     * log2 of the coordinates per persistence block: 1,024, at most 20 KiB of z and n with their offsets, small
     * enough that a drain of a few changed coordinates stays cheap, large enough that a checkpoint of a whole
     * head is a few thousand entries.
     */
    public static final int BLOCK_BITS = 10;

    private final double alpha;
    private final double beta;
    private final double l1;
    private final double l2;
    private final int dimension;
    private final double[] zn;
    private final boolean[] dirtyBlocks;
    private boolean[] changedBlocks;
    private long touched;
    /** The touched coordinates, and how many each block holds: a drain visits these, not every coordinate. */
    private final java.util.BitSet touchedSet;
    private final int[] touchedInBlock;
    private double[] cachedW = new double[64];
    private double[] cachedSqrtN = new double[64];
    private SparseFeatures cachedFor;
    private long cachedFingerprint;
    private double cachedMargin;

    /**
     * @param alpha    learning-rate scale ({@code > 0})
     * @param beta     learning-rate smoothing
     * @param l1       L1 strength (lambda_1)
     * @param l2       L2 strength (lambda_2)
     * @param hashBits the space holds {@code 2^hashBits} coordinates
     */
    public FtrlProximal(final double alpha, final double beta, final double l1, final double l2,
                        final int hashBits) {
        if (hashBits < 1 || hashBits > 30) {
            throw new IllegalArgumentException("hashBits must be in 1..30, got " + hashBits);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.l1 = l1;
        this.l2 = l2;
        this.dimension = 1 << hashBits;
        this.zn = new double[2 * dimension];
        this.dirtyBlocks = new boolean[Math.max(1, dimension >>> BLOCK_BITS)];
        this.touchedSet = new java.util.BitSet(dimension);
        this.touchedInBlock = new int[dirtyBlocks.length];
    }

    public int dimension() {
        return dimension;
    }

    /** The current (lazily computed) weight of coordinate {@code i}; 0 for a coordinate never updated. */
    public double weight(final int i) {
        final double n = zn[2 * i + 1];
        return weight(zn[2 * i], Math.sqrt(n));
    }

    // McMahan et al. 2013, Algorithm 1: w_i = 0 if |z_i| <= l1, else -(z_i - sgn(z_i) l1) / ((beta + sqrt(n_i))/alpha + l2)
    private double weight(final double z, final double sqrtN) {
        if (Math.abs(z) <= l1) {
            return 0.0;
        }
        return -(z - Math.copySign(l1, z)) / ((beta + sqrtN) / alpha + l2);
    }

    /**
     * The margin {@code w . x}. Remembers the weights it computed, so that an {@link #update} of the same
     * {@code x} right after it (or a second {@code dot}) need not recompute them; the memo is keyed by the buffer's
     * identity and a fingerprint of its contents, so refilling the buffer invalidates it. Does not change the model.
     */
    public double dot(final SparseFeatures x) {
        final long fingerprint = fingerprint(x);
        if (cachedFor == x && cachedFingerprint == fingerprint) {
            return cachedMargin;
        }
        final int size = x.size();
        if (cachedW.length < size) {
            cachedW = new double[Math.max(size, 2 * cachedW.length)];
            cachedSqrtN = new double[cachedW.length];
        }
        double sum = 0.0;
        for (int j = 0; j < size; j++) {
            final int i = x.index(j);
            final double sqrtN = Math.sqrt(zn[2 * i + 1]);
            final double w = weight(zn[2 * i], sqrtN);
            cachedW[j] = w;
            cachedSqrtN[j] = sqrtN;
            sum += w * x.value(j);
        }
        cachedFor = x;
        cachedFingerprint = fingerprint;
        cachedMargin = sum;
        return sum;
    }

    private static long fingerprint(final SparseFeatures x) {
        long h = x.size();
        for (int j = 0; j < x.size(); j++) {
            h = h * 0x9E3779B97F4A7C15L + x.index(j);
            h = h * 0x9E3779B97F4A7C15L + Float.floatToRawIntBits(x.value(j));
        }
        return h;
    }

    /** The weight of the j-th feature of the example last passed to {@link #dot} (valid until the next update). */
    public double cachedWeight(final int j) {
        return cachedW[j];
    }

    /**
     * One FTRL-Proximal step with {@code g_i = gradScale * x_i} for every feature of {@code x}. Reuses the weights of
     * a preceding {@link #dot} of the same, unchanged buffer, else computes them. A coordinate repeated within
     * {@code x} is stepped once per occurrence, each time with its weight from before this update.
     */
    public void update(final SparseFeatures x, final double gradScale) {
        dot(x); // memoized when the caller just computed the margin of this x
        cachedFor = null;
        final int size = x.size();
        for (int j = 0; j < size; j++) {
            final int i = x.index(j);
            final double g = gradScale * x.value(j);
            final double n = zn[2 * i + 1];
            final double z = zn[2 * i];
            // Algorithm 1: sigma_i = (sqrt(n_i + g_i^2) - sqrt(n_i)) / alpha; z_i += g_i - sigma_i w_i; n_i += g_i^2
            final double nNew = n + g * g;
            final double sigma = (Math.sqrt(nNew) - cachedSqrtN[j]) / alpha;
            final double zNew = z + g - sigma * cachedW[j];
            if (z == 0.0 && n == 0.0 && (zNew != 0.0 || nNew != 0.0)) {
                markTouched(i, true);
            }
            zn[2 * i] = zNew;
            zn[2 * i + 1] = nNew;
            markDirty(i);
        }
    }

    /** Number of coordinates with non-zero state (ever updated with a non-zero gradient). */
    public long touchedCount() {
        return touched;
    }

    /** Number of touched coordinates (non-zero z or n) in block {@code b}. */
    public int touchedIn(final int b) {
        return touchedInBlock[b];
    }

    /** The first touched coordinate at or after {@code from}, or -1 if there is none. */
    public int nextTouched(final int from) {
        return touchedSet.nextSetBit(from);
    }

    /** Number of coordinates per persistence block: block {@code b} holds coordinates {@code [b << BLOCK_BITS, ...)}. */
    public int blockSize() {
        return 1 << BLOCK_BITS;
    }

    /** Number of persistence blocks. */
    public int blockCount() {
        return dirtyBlocks.length;
    }

    /** Whether block {@code b} changed since the last call for it; clears the mark. */
    public boolean takeDirty(final int b) {
        final boolean was = dirtyBlocks[b];
        dirtyBlocks[b] = false;
        return was;
    }

    /** Marks every block changed. */
    public void markAllDirty() {
        java.util.Arrays.fill(dirtyBlocks, true);
    }

    /** {@code z_i} of coordinate {@code i}. */
    public double z(final int i) {
        return zn[2 * i];
    }

    /** {@code n_i} of coordinate {@code i}. */
    public double n(final int i) {
        return zn[2 * i + 1];
    }

    /** Sets the state of coordinate {@code i} from persisted state (does not mark it changed). */
    public void restore(final int i, final double z, final double n) {
        final boolean wasTouched = zn[2 * i] != 0.0 || zn[2 * i + 1] != 0.0;
        zn[2 * i] = z;
        zn[2 * i + 1] = n;
        final boolean isTouched = z != 0.0 || n != 0.0;
        if (isTouched != wasTouched) {
            markTouched(i, isTouched);
        }
        cachedFor = null;
    }

    /**
     * Sets coordinate {@code i} from outside the learner (parameter sync) and marks its block changed for the
     * next drain.
     */
    public void assign(final int i, final double z, final double n) {
        restore(i, z, n);
        dirtyBlocks[i >>> BLOCK_BITS] = true;
    }

    /** From now on, also mark the blocks {@link #update} changes for {@link #takeChanged} (parameter sync). */
    public void trackChanges() {
        if (changedBlocks == null) {
            changedBlocks = new boolean[dirtyBlocks.length];
        }
    }

    /** Whether an update changed block {@code b} since the previous call (after {@link #trackChanges}); clears it. */
    public boolean takeChanged(final int b) {
        final boolean changed = changedBlocks[b];
        changedBlocks[b] = false;
        return changed;
    }

    private void markTouched(final int i, final boolean isTouched) {
        touched += isTouched ? 1 : -1;
        touchedInBlock[i >>> BLOCK_BITS] += isTouched ? 1 : -1;
        touchedSet.set(i, isTouched);
    }

    private void markDirty(final int i) {
        dirtyBlocks[i >>> BLOCK_BITS] = true;
        if (changedBlocks != null) {
            changedBlocks[i >>> BLOCK_BITS] = true;
        }
    }
}
