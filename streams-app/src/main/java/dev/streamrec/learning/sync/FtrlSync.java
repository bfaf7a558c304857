package dev.streamrec.learning.sync;

import java.util.Arrays;

import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.optim.FtrlProximal;

/**
 * Sync of one FTRL learner: z and n are sums over gradients (McMahan et al. 2013, Algorithm 1), so a round's delta is
 * {@code (z - z_base, n - n_base)} of every coordinate an update changed, and merged deltas add. The base is kept for
 * touched coordinates only, in an open-addressing map.
 */
final class FtrlSync implements SharedPart {
    private final FtrlProximal ftrl;
    private int[] keys = new int[1024];
    private double[] base = new double[2 * 1024];
    private int mapped;

    FtrlSync(final FtrlCoordinates coordinates) {
        this.ftrl = coordinates.ftrl();
        Arrays.fill(keys, -1);
        ftrl.trackChanges();
        for (int i = ftrl.nextTouched(0); i >= 0; i = ftrl.nextTouched(i + 1)) {
            put(i, ftrl.z(i), ftrl.n(i));
        }
    }

    @Override
    public PartDelta extract() {
        final int size = Math.min(ftrl.blockSize(), ftrl.dimension());
        int[] index = new int[64];
        double[] dz = new double[64];
        double[] dn = new double[64];
        int count = 0;
        for (int b = 0; b < ftrl.blockCount(); b++) {
            if (!ftrl.takeChanged(b)) {
                continue;
            }
            final int end = (b + 1) * size;
            // untouched coordinates have z = n = 0 and so does their base (n only grows)
            for (int i = ftrl.nextTouched(b * size); i >= 0 && i < end; i = ftrl.nextTouched(i + 1)) {
                final double z = ftrl.z(i);
                final double n = ftrl.n(i);
                final int at = find(i);
                final double bz = at >= 0 ? base[2 * at] : 0.0;
                final double bn = at >= 0 ? base[2 * at + 1] : 0.0;
                if (z == bz && n == bn) {
                    continue;
                }
                if (count == index.length) {
                    index = Arrays.copyOf(index, 2 * count);
                    dz = Arrays.copyOf(dz, 2 * count);
                    dn = Arrays.copyOf(dn, 2 * count);
                }
                index[count] = i;
                dz[count] = z - bz;
                dn[count] = n - bn;
                count++;
                put(i, z, n);
            }
        }
        return count == 0 ? null : new PartDelta.Ftrl(Arrays.copyOf(index, count), Arrays.copyOf(dz, count),
            Arrays.copyOf(dn, count));
    }

    @Override
    public void apply(final PartDelta merged, final PartDelta own) {
        final PartDelta.Ftrl m = (PartDelta.Ftrl) merged;
        final PartDelta.Ftrl o = own == null ? new PartDelta.Ftrl(new int[0], new double[0], new double[0])
            : (PartDelta.Ftrl) own;
        int k = 0;
        for (int j = 0; j < m.index().length; j++) {
            final int i = m.index()[j];
            double az = m.dz()[j];
            double an = m.dn()[j];
            while (k < o.index().length && o.index()[k] < i) {
                k++;
            }
            if (k < o.index().length && o.index()[k] == i) {
                az -= o.dz()[k];
                an -= o.dn()[k];
            }
            if (az == 0.0 && an == 0.0) {
                continue;
            }
            if (i < 0 || i >= ftrl.dimension()) {
                throw new IllegalArgumentException("merged FTRL coordinate " + i + " outside 0.." + (ftrl.dimension()
                    - 1) + " (another hash size?)");
            }
            ftrl.assign(i, ftrl.z(i) + az, ftrl.n(i) + an);
            final int at = find(i);
            put(i, (at >= 0 ? base[2 * at] : 0.0) + az, (at >= 0 ? base[2 * at + 1] : 0.0) + an);
        }
    }

    private int find(final int key) {
        final int mask = keys.length - 1;
        int pos = mix(key) & mask;
        while (keys[pos] != -1) {
            if (keys[pos] == key) {
                return pos;
            }
            pos = (pos + 1) & mask;
        }
        return -1;
    }

    private void put(final int key, final double z, final double n) {
        int at = find(key);
        if (at < 0) {
            if (2 * (mapped + 1) > keys.length) {
                rehash();
            }
            final int mask = keys.length - 1;
            at = mix(key) & mask;
            while (keys[at] != -1) {
                at = (at + 1) & mask;
            }
            keys[at] = key;
            mapped++;
        }
        base[2 * at] = z;
        base[2 * at + 1] = n;
    }

    private void rehash() {
        final int[] oldKeys = keys;
        final double[] oldBase = base;
        keys = new int[2 * oldKeys.length];
        base = new double[2 * keys.length];
        Arrays.fill(keys, -1);
        mapped = 0;
        for (int at = 0; at < oldKeys.length; at++) {
            if (oldKeys[at] != -1) {
                put(oldKeys[at], oldBase[2 * at], oldBase[2 * at + 1]);
            }
        }
    }

    private static int mix(final int key) {
        final int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
