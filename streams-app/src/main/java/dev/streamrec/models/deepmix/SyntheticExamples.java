package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic DeepMix input for tests and benchmarks (same seed, same examples). */
public final class SyntheticExamples {
    private SyntheticExamples() {
    }

    /** Random events over the configured groups: user, item and a few context fields per event. */
    public static List<Example> stream(final int n, final DeepMixConfig config, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Example> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            final SparseFeatures cat = new SparseFeatures(config.categoricalGroups() + 2);
            final int user = random.nextInt(6000);
            final int item = random.nextInt(4000);
            for (int g = 0; g < config.categoricalGroups(); g++) {
                cat.add(g == 0 ? user : g == 1 ? item : random.nextInt(1 << 20), 1f, g);
            }
            final SparseFeatures num = new SparseFeatures(Math.max(1, config.numericGroups()));
            for (int g = 0; g < config.numericGroups(); g++) {
                num.add(g, (float) random.nextGaussian(), g);
            }
            final boolean rating = random.nextBoolean();
            out.add(new Example(rating ? Task.RATING : Task.CLICK, rating ? 1 + random.nextInt(5) : random.nextInt(2),
                "u" + user, "i" + item, t, cat, num));
        }
        return out;
    }
}
