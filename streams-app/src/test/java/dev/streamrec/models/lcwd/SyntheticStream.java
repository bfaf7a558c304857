package dev.streamrec.models.lcwd;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import java.util.Random;

/**
 * Deterministic synthetic events with an interaction signal: users and items have latent scalars a_u, b_i; the click
 * logit is {@code 0.3 a_u + 0.3 b_i + 2 a_u b_i - 0.3}, the rating {@code 3.5 + 0.4 a_u + 0.4 b_i + 0.8 a_u b_i +
 * noise}. Group 0 is the user id, group 1 the item id, groups 2.. are noise features with 8 values each.
 */
final class SyntheticStream {
    private final Random random;
    private final int groups;
    private final int hashMask;
    private final double[] userLatent;
    private final double[] itemLatent;
    private final double ratingShare;
    private long time = 1_700_000_000_000L;

    SyntheticStream(final long seed, final int users, final int items, final int groups, final int hashBits,
                    final double ratingShare) {
        this.random = new Random(seed);
        this.groups = groups;
        this.hashMask = (1 << hashBits) - 1;
        this.userLatent = gaussians(users);
        this.itemLatent = gaussians(items);
        this.ratingShare = ratingShare;
    }

    Example next() {
        final int u = random.nextInt(userLatent.length);
        final int i = random.nextInt(itemLatent.length);
        final double a = userLatent[u];
        final double b = itemLatent[i];
        final SparseFeatures x = new SparseFeatures(groups);
        x.add(hash(0, u), 1f, 0);
        x.add(hash(1, i), 1f, 1);
        for (int g = 2; g < groups; g++) {
            x.add(hash(g, random.nextInt(8)), 1f, g);
        }
        final boolean rating = random.nextDouble() < ratingShare;
        final double label;
        if (rating) {
            label = Math.max(1.0, Math.min(5.0, 3.5 + 0.4 * a + 0.4 * b + 0.8 * a * b + 0.3 * random.nextGaussian()));
        } else {
            final double logit = 0.3 * a + 0.3 * b + 2.0 * a * b - 0.3;
            label = random.nextDouble() < 1.0 / (1.0 + Math.exp(-logit)) ? 1.0 : 0.0;
        }
        time += 1000;
        return new Example(rating ? Task.RATING : Task.CLICK, label, "u" + u, "i" + i, time, x,
            new SparseFeatures(1));
    }

    private int hash(final int group, final int value) {
        long h = group * 0x9E3779B97F4A7C15L + value * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int) h & hashMask;
    }

    private double[] gaussians(final int n) {
        final double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian();
        }
        return v;
    }

    /** A fixed pseudo-LR weight per (task, index), for warm-starting M1 deterministically. */
    static double linearWeight(final Task task, final int index) {
        long h = index * 0x9E3779B97F4A7C15L + task.ordinal();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return ((h & 0xFFFF) / 65535.0 - 0.5) * 0.4;
    }
}
