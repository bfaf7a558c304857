package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.ParameterSink;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Minimal per-coordinate FTRL-Proximal (McMahan et al. 2013, Algorithm 1), the stand-in wide part until
 * {@code models.lr.FtrlProximal} is merged:
 * <pre>
 *   w_i = 0                                                  if |z_i| &lt;= l1
 *   w_i = -(z_i - sgn(z_i) l1) / ((beta + sqrt(n_i)) / alpha + l2)   otherwise
 *   g_i = gradScale * x_i;  sigma_i = (sqrt(n_i + g_i^2) - sqrt(n_i)) / alpha;  z_i += g_i - sigma_i w_i;  n_i += g_i^2
 * </pre>
 * A coordinate that occurs twice in one example is updated twice, in order. Persisted entry per coordinate:
 * key = 4-byte big-endian index, value = [format version 1][z double][n double].
 */
public final class FtrlWideWeights implements WideWeights {
    /** Format version of persisted values. */
    public static final byte FORMAT_VERSION = 1;

    private final double alpha;
    private final double beta;
    private final double l1;
    private final double l2;
    private final IntSlotMap slots = new IntSlotMap();
    private double[] z = new double[64];
    private double[] n = new double[64];
    private boolean[] dirty = new boolean[64];
    private int[] dirtySlots = new int[64];
    private int dirtyCount;

    public FtrlWideWeights(final double alpha, final double beta, final double l1, final double l2) {
        if (!(alpha > 0.0) || !(beta >= 0.0) || !(l1 >= 0.0) || !(l2 >= 0.0) || !Double.isFinite(alpha)
            || !Double.isFinite(beta) || !Double.isFinite(l1) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("FTRL needs finite alpha > 0 and beta, l1, l2 >= 0; got alpha=" + alpha
                + " beta=" + beta + " l1=" + l1 + " l2=" + l2);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.l1 = l1;
        this.l2 = l2;
    }

    /** The FTRL settings of {@code config}'s wide part. */
    public static FtrlWideWeights of(final LcwdConfig config) {
        return new FtrlWideWeights(config.ftrlAlpha(), config.ftrlBeta(), config.ftrlL1(), config.ftrlL2());
    }

    @Override
    public double weight(final int index) {
        final int slot = slots.slot(index);
        return slot < 0 ? 0.0 : weightAt(slot);
    }

    @Override
    public double dot(final SparseFeatures x) {
        double sum = 0.0;
        for (int j = 0; j < x.size(); j++) {
            sum += weight(x.index(j)) * x.value(j);
        }
        return sum;
    }

    @Override
    public void update(final SparseFeatures x, final double gradScale) {
        for (int j = 0; j < x.size(); j++) {
            final int slot = slotOrInsert(x.index(j));
            final double g = gradScale * x.value(j);
            final double sigma = (Math.sqrt(n[slot] + g * g) - Math.sqrt(n[slot])) / alpha;
            z[slot] += g - sigma * weightAt(slot);
            n[slot] += g * g;
            if (!dirty[slot]) {
                dirty[slot] = true;
                if (dirtyCount == dirtySlots.length) {
                    dirtySlots = Arrays.copyOf(dirtySlots, 2 * dirtyCount);
                }
                dirtySlots[dirtyCount++] = slot;
            }
        }
    }

    @Override
    public long size() {
        return slots.size();
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        for (int k = 0; k < dirtyCount; k++) {
            final int slot = dirtySlots[k];
            dirty[slot] = false;
            final byte[] key = ByteBuffer.allocate(4).putInt(slots.keyAt(slot)).array();
            final byte[] value = ByteBuffer.allocate(17).put(FORMAT_VERSION).putDouble(z[slot]).putDouble(n[slot])
                .array();
            sink.put(key, value);
        }
        dirtyCount = 0;
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        if (value.length == 0 || value[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown FTRL wide-entry format version "
                + (value.length == 0 ? "(empty value)" : Byte.toString(value[0]))
                + "; this build reads version " + FORMAT_VERSION);
        }
        if (key.length != 4 || value.length != 17) {
            throw new IllegalArgumentException("malformed FTRL wide entry: key " + key.length + " bytes, value "
                + value.length + " bytes; expected 4 and 17");
        }
        final ByteBuffer v = ByteBuffer.wrap(value, 1, 16);
        final int slot = slotOrInsert(ByteBuffer.wrap(key).getInt());
        z[slot] = v.getDouble();
        n[slot] = v.getDouble();
    }

    private double weightAt(final int slot) {
        final double zi = z[slot];
        if (Math.abs(zi) <= l1) {
            return 0.0;
        }
        return -(zi - Math.signum(zi) * l1) / ((beta + Math.sqrt(n[slot])) / alpha + l2);
    }

    private int slotOrInsert(final int index) {
        final int slot = slots.slotOrInsert(index);
        if (slot == z.length) {
            z = Arrays.copyOf(z, 2 * slot);
            n = Arrays.copyOf(n, 2 * slot);
            dirty = Arrays.copyOf(dirty, 2 * slot);
        }
        return slot;
    }
}
