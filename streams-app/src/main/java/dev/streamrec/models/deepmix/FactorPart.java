package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.AdaGrad;

import java.util.SplittableRandom;

/**
 * DeepMix's factorization (second-order) part: per task, a user-side vector {@code p = sum_{j in U} x_j v_j} and an
 * item-side vector {@code q = sum_{j in I} x_j v_j} over the field embeddings of the event's categorical features,
 * and the term {@code p . q} added to the joint score. U holds the user id and the user's attributes, I the item
 * id and the item's attributes (genres included): this is the user-field x item-field block of a factorization
 * machine's pairwise terms (Rendle 2010, Eq. 1, {@code <v_i, v_j> x_i x_j} summed over pairs across the two sides),
 * which for one-hot ids is matrix factorization's {@code p_u . q_i}. Dot products are what an MLP learns poorly
 * (Rendle et al. 2020, "Neural Collaborative Filtering vs. Matrix Factorization Revisited"), so they are given to the
 * model explicitly.
 *
 * <p>Learned at every event, like {@link WidePart}, on the joint loss: {@code dL/dv_j = dL/dz * x_j * q} for
 * {@code j in U} and {@code dL/dz * x_j * p} for {@code j in I}, plus {@code l2 * v_j}, one AdaGrad step per touched
 * row. The two tasks have separate vectors, so a click label never moves the same pair's rating score. A row never
 * trained is not stored: a user-side row's deterministic initial value comes from (seed, task, group, index), an
 * item-side row starts at 0, so an untrained part adds exactly 0 to the score and {@link #dot} never mutates. The DeepMix paper has no such term; this is a departure, measured in {@code docs/model-quality.md}.
 * Persisted as two {@link SparseRowTable}s, {@code factor.click} and {@code factor.rating}. Not thread-safe.
 */
final class FactorPart {
    private final int dim;
    private final long seed;
    private final float initScale;
    private final float l2;
    private final boolean[] userSide;
    private final boolean[] itemSide;
    private final SparseRowTable click;
    private final SparseRowTable rating;
    private final float[] p;
    private final float[] q;
    private final float[] grad;
    private double userNorm;
    private double itemNorm;

    /** A factorization part of {@code deepmix.factor.dim} columns, or an absent one ({@link #enabled} false) at 0. */
    FactorPart(final DeepMixConfig config) {
        this.dim = config.factorDim();
        this.seed = config.seed() + 5;
        this.initScale = config.factorInit();
        this.l2 = config.factorL2();
        this.userSide = sides(config.categoricalGroups(), config.factorUserGroups());
        this.itemSide = sides(config.categoricalGroups(), config.factorItemGroups());
        final int width = Math.max(1, dim);
        this.click = dim > 0 ? new SparseRowTable(width, optimizer(config)) : null;
        this.rating = dim > 0 ? new SparseRowTable(width, optimizer(config)) : null;
        this.p = new float[width];
        this.q = new float[width];
        this.grad = new float[width];
    }

    private static AdaGrad optimizer(final DeepMixConfig config) {
        return new AdaGrad(config.factorLearningRate(), config.factorAccumulator(), 1e-8f);
    }

    private static boolean[] sides(final int groups, final java.util.List<Integer> members) {
        final boolean[] side = new boolean[groups];
        for (final int g : members) {
            side[g] = true;
        }
        return side;
    }

    boolean enabled() {
        return click != null;
    }

    /** {@code p . q} of the task; 0 when the part is off. Never mutates the model. */
    double dot(final Task task, final SparseFeatures x) {
        if (!enabled()) {
            return 0.0;
        }
        pool(task, x);
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            sum += (double) p[k] * q[k];
        }
        return sum;
    }

    /** One per-event AdaGrad step of the task's vectors with the joint loss's {@code dL/dz}. */
    void update(final Task task, final SparseFeatures x, final double dLdz) {
        if (enabled()) {
            addGradients(task, x, dLdz);
            table(task).applyGradients();
        }
    }

    /** Adds {@code dL/dv_j} of every pooled row to its pending gradient (rows created as needed), no step. */
    void addGradients(final Task task, final SparseFeatures x, final double dLdz) {
        pool(task, x);
        final SparseRowTable table = table(task);
        for (int j = 0; j < x.size(); j++) {
            final int group = x.group(j);
            final boolean user = userSide[group];
            if (!user && !itemSide[group]) {
                continue;
            }
            final float[] other = user ? q : p;
            final int slot = slotFor(task, table, group, x.index(j), user);
            final float[] values = table.values();
            final float scale = (float) (dLdz * x.value(j));
            for (int k = 0; k < dim; k++) {
                grad[k] = scale * other[k] + l2 * values[slot * dim + k];
            }
            table.addGradient(slot, 1f, grad, 0);
        }
    }

    /** Fills {@link #p} and {@link #q} for the task. */
    private void pool(final Task task, final SparseFeatures x) {
        java.util.Arrays.fill(p, 0f);
        java.util.Arrays.fill(q, 0f);
        userNorm = 0;
        itemNorm = 0;
        final SparseRowTable table = table(task);
        for (int j = 0; j < x.size(); j++) {
            final int group = x.group(j);
            final double square = (double) x.value(j) * x.value(j);
            if (userSide[group]) {
                accumulate(task, table, group, x.index(j), x.value(j), p);
                userNorm += square;
            } else if (itemSide[group]) {
                accumulateItemSide(table, group, x.index(j), x.value(j));
                itemNorm += square;
            }
        }
    }

    /** Item-side rows start at 0 (so an untrained part adds exactly 0 to the score and only p moves q at first). */
    private void accumulateItemSide(final SparseRowTable table, final int group, final int index,
                                    final float scale) {
        final int slot = table.slot(EmbeddingTables.key(group, index));
        if (slot >= 0) {
            final float[] values = table.values();
            for (int k = 0; k < dim; k++) {
                q[k] += scale * values[slot * dim + k];
            }
        }
    }

    private void accumulate(final Task task, final SparseRowTable table, final int group, final int index,
                            final float scale, final float[] out) {
        final int slot = table.slot(EmbeddingTables.key(group, index));
        if (slot >= 0) {
            final float[] values = table.values();
            for (int k = 0; k < dim; k++) {
                out[k] += scale * values[slot * dim + k];
            }
        } else {
            final SplittableRandom random = initRandom(task, group, index);
            for (int k = 0; k < dim; k++) {
                out[k] += scale * initValue(random);
            }
        }
    }

    private int slotFor(final Task task, final SparseRowTable table, final int group, final int index,
                        final boolean user) {
        final long key = EmbeddingTables.key(group, index);
        final int existing = table.slot(key);
        if (existing >= 0) {
            return existing;
        }
        final int slot = table.insert(key);
        if (!user) {
            return slot;
        }
        final float[] values = table.values();
        final SplittableRandom random = initRandom(task, group, index);
        for (int k = 0; k < dim; k++) {
            values[slot * dim + k] = initValue(random);
        }
        return slot;
    }

    private SplittableRandom initRandom(final Task task, final int group, final int index) {
        final long salt = task == Task.CLICK ? 0x632BE59BD9B4E019L : 0x9E3779B97F4A7C15L;
        return new SplittableRandom((seed ^ salt) ^ (EmbeddingTables.key(group, index) * 0xBF58476D1CE4E5B9L));
    }

    private float initValue(final SplittableRandom random) {
        return (float) ((random.nextDouble() * 2 - 1) * initScale);
    }

    /** The task's rows (for tests and gradient checks). */
    SparseRowTable table(final Task task) {
        return task == Task.CLICK ? click : rating;
    }

    /** Stored rows times their width. */
    long size() {
        return enabled() ? (long) (click.size() + rating.size()) * dim : 0;
    }

    /** Registers {@code factor.click} and {@code factor.rating} (none when off). */
    void register(final ModelState state) {
        if (enabled()) {
            state.register("factor.click", click);
            state.register("factor.rating", rating);
        }
    }

    /** {@code factor.click} and {@code factor.rating} with their AdaGrad accumulators. */
    void exportTensors(final TensorSink sink) {
        if (enabled()) {
            click.exportTensors(sink, "factor.click");
            rating.exportTensors(sink, "factor.rating");
        }
    }
}
