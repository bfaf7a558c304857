package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small deterministic stream with an interaction signal: users and items have hidden 2-D tastes; the click
 * probability is {@code sigmoid(3 u.v)} and the rating {@code 3 + 1.2 u.v + noise}. Features: group 0 the user id,
 * group 1 the item id, group 2 two item tags (multi-valued, mean-pooled), numeric group 0 a noisy item popularity.
 */
final class SyntheticStream {
    static final int USERS = 60;
    static final int ITEMS = 40;
    private final double[][] user = new double[USERS][2];
    private final double[][] item = new double[ITEMS][2];
    private final SplittableRandom random;

    SyntheticStream(final long seed) {
        random = new SplittableRandom(seed);
        for (final double[] u : user) {
            u[0] = random.nextDouble(-1, 1);
            u[1] = random.nextDouble(-1, 1);
        }
        for (final double[] v : item) {
            v[0] = random.nextDouble(-1, 1);
            v[1] = random.nextDouble(-1, 1);
        }
    }

    /** The next {@code n} events, {@code ratingShare} of them RATING, the rest CLICK. */
    List<Example> next(final int n, final double ratingShare) {
        final List<Example> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            final int u = random.nextInt(USERS);
            final int i = random.nextInt(ITEMS);
            final double affinity = user[u][0] * item[i][0] + user[u][1] * item[i][1];
            final SparseFeatures cat = new SparseFeatures(8);
            cat.add(1000 + u, 1f, 0);
            cat.add(5000 + i, 1f, 1);
            cat.add(9000 + i % 7, 1f, 2);
            cat.add(9100 + i % 5, 1f, 2);
            final SparseFeatures num = new SparseFeatures(2);
            num.add(0, (float) (100 + 10 * i + random.nextDouble(-5, 5)), 0);
            final boolean rating = random.nextDouble() < ratingShare;
            final double label = rating
                ? Math.max(1, Math.min(5, Math.round(3 + 2.5 * affinity + random.nextGaussian() * 0.3)))
                : (random.nextDouble() < 1 / (1 + Math.exp(-4 * affinity)) ? 1 : 0);
            out.add(new Example(rating ? Task.RATING : Task.CLICK, label, "u" + u, "i" + i, 1_000L * t, cat, num));
        }
        return out;
    }

    /** Item examples whose labels (of 3) follow the item's tags; title tokens from the item id. */
    static ItemExample item(final int i) {
        final SparseFeatures attrs = new SparseFeatures(4);
        attrs.add(9000 + i % 7, 1f, 2);
        attrs.add(9100 + i % 5, 1f, 2);
        attrs.add(5000 + i, 1f, 1);
        final List<Integer> labels = new ArrayList<>();
        if (i % 7 < 3) {
            labels.add(0);
        }
        if (i % 5 < 2) {
            labels.add(1);
        }
        if (i % 7 >= 5) {
            labels.add(2);
        }
        return new ItemExample("i" + i, labels.stream().mapToInt(Integer::intValue).toArray(), attrs,
            new int[] {7000 + i % 3, 7100 + i % 4});
    }

    /** A small, fast test configuration. */
    static DeepMixConfig smallConfig() {
        return DeepMixConfig.defaults()
            .with("deepmix.embedding.dim", "8")
            .with("deepmix.categorical.groups", "3")
            .with("deepmix.numeric.groups", "1")
            .with("deepmix.item.groups", "1,2")
            .with("deepmix.factor.item.groups", "1,2")
            .with("deepmix.dnn.hidden", "32,16")
            .with("deepmix.cross.rank", "8")
            .with("deepmix.batch.size", "32")
            .with("deepmix.item.batch.size", "8")
            .with("deepmix.learning.rate", "0.003")
            .with("deepmix.genre.labels", "a,b,c")
            .with("deepmix.embedding.learning.rate", "0", "deepmix.numeric.clip", "0");
    }
}
