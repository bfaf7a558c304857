package dev.streamrec.models.lr;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import java.util.Arrays;

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
 * <p>Persistence: {@link #drain} writes one entry per coordinate changed since the last drain, key
 * {@code [headTag, index as 4 bytes big-endian]}, value {@code [FORMAT_VERSION, z bits (8 bytes BE), n bits (8 bytes
 * BE)]}; {@link #restore} reads it back bit-exactly. Dirty tracking is a marker array plus an int list.
 *
 * <p>Not thread-safe. {@link #dot} and {@link #update} allocate nothing once the scratch space fits the largest
 * example seen.
 */
public final class FtrlProximal {
    /** First byte of every persisted value. */
    public static final byte FORMAT_VERSION = 1;
    static final int KEY_LENGTH = 5;
    static final int VALUE_LENGTH = 17;

    private final FtrlConfig config;
    private final int dimension;
    private final double[] zn;
    private final boolean[] dirty;
    private int[] dirtyList = new int[1024];
    private int dirtyCount;
    private long touched;
    private double[] cachedW = new double[64];
    private double[] cachedSqrtN = new double[64];
    private SparseFeatures cachedFor;
    private long cachedFingerprint;
    private double cachedMargin;

    public FtrlProximal(final FtrlConfig config, final int hashBits) {
        if (hashBits < 1 || hashBits > 30) {
            throw new IllegalArgumentException("hashBits must be in 1..30, got " + hashBits);
        }
        this.config = config;
        this.dimension = 1 << hashBits;
        this.zn = new double[2 * dimension];
        this.dirty = new boolean[dimension];
    }

    public FtrlConfig config() {
        return config;
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
        if (Math.abs(z) <= config.l1()) {
            return 0.0;
        }
        return -(z - Math.copySign(config.l1(), z)) / ((config.beta() + sqrtN) / config.alpha() + config.l2());
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
        final double alpha = config.alpha();
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
                touched++;
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

    /**
     * Writes the touched coordinates as three sparse tables {@code <prefix>.w} (the weight, computed from z and n),
     * {@code <prefix>.z} and {@code <prefix>.n} (FTRL's state), keyed by hashed index in ascending order.
     */
    public void exportTensors(final TensorSink sink, final String prefix) {
        final long[] keys = new long[Math.toIntExact(touched)];
        final double[] w = new double[keys.length];
        final double[] z = new double[keys.length];
        final double[] n = new double[keys.length];
        int k = 0;
        for (int i = 0; i < dimension && k < keys.length; i++) {
            if (zn[2 * i] != 0.0 || zn[2 * i + 1] != 0.0) {
                keys[k] = i;
                z[k] = zn[2 * i];
                n[k] = zn[2 * i + 1];
                w[k] = weight(i);
                k++;
            }
        }
        sink.sparse(prefix + ".w", keys, 1, w);
        sink.sparse(prefix + ".z", keys, 1, z);
        sink.sparse(prefix + ".n", keys, 1, n);
    }

    /** Number of coordinates changed since the last {@link #drain}. */
    public int dirtyCount() {
        return dirtyCount;
    }

    /** Writes every coordinate changed since the previous drain (in first-change order), then forgets them. */
    public void drain(final ParameterSink sink, final byte headTag) {
        for (int k = 0; k < dirtyCount; k++) {
            final int i = dirtyList[k];
            dirty[i] = false;
            sink.put(key(headTag, i), encode(zn[2 * i], zn[2 * i + 1]));
        }
        dirtyCount = 0;
    }

    /** Loads one entry written by {@link #drain}; the head tag (key byte 0) is the caller's to dispatch on. */
    public void restore(final byte[] key, final byte[] value) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("FTRL key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        final int i = (int) readBigEndian(key, 1, 4);
        if (i < 0 || i >= dimension) {
            throw new IllegalArgumentException("FTRL coordinate " + i + " outside [0, " + dimension
                + "): stored with more hash bits than configured?");
        }
        checkVersion(value, VALUE_LENGTH);
        final boolean wasTouched = zn[2 * i] != 0.0 || zn[2 * i + 1] != 0.0;
        zn[2 * i] = Double.longBitsToDouble(readBigEndian(value, 1, 8));
        zn[2 * i + 1] = Double.longBitsToDouble(readBigEndian(value, 9, 8));
        final boolean isTouched = zn[2 * i] != 0.0 || zn[2 * i + 1] != 0.0;
        touched += (isTouched ? 1 : 0) - (wasTouched ? 1 : 0);
        cachedFor = null;
    }

    /** Rejects values whose first byte is not {@link #FORMAT_VERSION} or that have the wrong length. */
    static void checkVersion(final byte[] value, final int expectedLength) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty lr state value: no format version byte");
        }
        if (value[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported lr state format version " + value[0]
                + "; this build reads format version " + FORMAT_VERSION);
        }
        if (value.length != expectedLength) {
            throw new IllegalArgumentException("lr state value of format version " + FORMAT_VERSION + " must be "
                + expectedLength + " bytes, got " + value.length);
        }
    }

    static byte[] key(final byte headTag, final int index) {
        final byte[] key = new byte[KEY_LENGTH];
        key[0] = headTag;
        writeBigEndian(key, 1, index, 4);
        return key;
    }

    static byte[] encode(final double z, final double n) {
        final byte[] value = new byte[VALUE_LENGTH];
        value[0] = FORMAT_VERSION;
        writeBigEndian(value, 1, Double.doubleToRawLongBits(z), 8);
        writeBigEndian(value, 9, Double.doubleToRawLongBits(n), 8);
        return value;
    }

    static void writeBigEndian(final byte[] out, final int offset, final long v, final int bytes) {
        for (int b = 0; b < bytes; b++) {
            out[offset + b] = (byte) (v >>> (8 * (bytes - 1 - b)));
        }
    }

    static long readBigEndian(final byte[] in, final int offset, final int bytes) {
        long v = 0;
        for (int b = 0; b < bytes; b++) {
            v = (v << 8) | (in[offset + b] & 0xffL);
        }
        return v;
    }

    private void markDirty(final int i) {
        if (!dirty[i]) {
            dirty[i] = true;
            if (dirtyCount == dirtyList.length) {
                dirtyList = Arrays.copyOf(dirtyList, Math.min(2 * dirtyList.length, dimension));
            }
            dirtyList[dirtyCount++] = i;
        }
    }
}
