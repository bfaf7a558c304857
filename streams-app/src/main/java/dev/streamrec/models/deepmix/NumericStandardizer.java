package dev.streamrec.models.deepmix;

import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.StateCodec;

/**
 * Online standardization of numeric feature groups with Welford's running mean and variance:
 * {@code n += 1; delta = v - mean; mean += delta / n; M2 += delta * (v - mean)}; the standardized value is
 * {@code (v - mean) / sqrt(M2 / n + 1e-8)}, and 0 until a group has seen two values; clipped into
 * {@code [-clip, clip]} when {@code clip > 0}. The clip matters at the start of a stream: while a group has seen
 * one value repeatedly (one MovieLens user's ratings come in a burst) its variance is ~0, and the next new value
 * would otherwise enter the network as ~1e4.
 */
final class NumericStandardizer {
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private final double clip;

    NumericStandardizer(final int groups, final double clip) {
        this.clip = clip;
        count = new long[groups];
        mean = new double[groups];
        m2 = new double[groups];
    }

    int groups() {
        return count.length;
    }

    /** Folds one raw value into group {@code g}'s statistics (ignored for a group outside the configured range). */
    void update(final int g, final double v) {
        if (g < 0 || g >= count.length) {
            return;
        }
        count[g]++;
        final double delta = v - mean[g];
        mean[g] += delta / count[g];
        m2[g] += delta * (v - mean[g]);
    }

    /** The standardized value of {@code v} in group {@code g}. */
    float standardize(final int g, final double v) {
        if (count[g] < 2) {
            return 0f;
        }
        final double z = (v - mean[g]) / Math.sqrt(m2[g] / count[g] + 1e-8);
        return (float) (clip > 0 ? Math.max(-clip, Math.min(clip, z)) : z);
    }

    long count(final int g) {
        return count[g];
    }

    double mean(final int g) {
        return mean[g];
    }

    double m2(final int g) {
        return m2[g];
    }

    void restore(final int g, final long n, final double mu, final double sumSq) {
        count[g] = n;
        mean[g] = mu;
        m2[g] = sumSq;
    }

    /** The moments as one persisted part: groups, then per group count, mean and M2. */
    Persisted persisted() {
        return Persisted.single(out -> {
            out.writeInt(groups());
            for (int g = 0; g < groups(); g++) {
                out.writeLong(count(g));
                out.writeDouble(mean(g));
                out.writeDouble(m2(g));
            }
        }, in -> {
            final int stored = in.readInt();
            StateCodec.check(stored == groups(), "numeric groups", stored, groups());
            for (int g = 0; g < stored; g++) {
                restore(g, in.readLong(), in.readDouble(), in.readDouble());
            }
        });
    }
}
