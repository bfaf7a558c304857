package dev.streamrec.models;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.AdaGrad;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A factorization term over the field embeddings of an example's categorical features: a user-side vector
 * {@code p = sum_{j in U} x_j v_j}, an item-side vector {@code q = sum_{j in I} x_j v_j} and the score
 * {@code p . q}. U holds the user id and the user's attributes, I the item id and the item's attributes: this is
 * the user-field x item-field block of a factorization machine's pairwise terms (Rendle 2010, Eq. 1,
 * {@code <v_i, v_j> x_i x_j} over the pairs across the two sides), which for one-hot ids alone is matrix
 * factorization's {@code p_u . q_i}. Dot products are what an MLP learns poorly (Rendle et al. 2020, "Neural
 * Collaborative Filtering vs. Matrix Factorization Revisited"), so models add this term explicitly.
 *
 * <p>Learned at every event with the caller's {@code dL/dz}: {@code dL/dv_j = dL/dz * x_j * q} for {@code j in U},
 * {@code dL/dz * x_j * p} for {@code j in I}, plus {@code l2 * v_j}; one AdaGrad step (Duchi et al. 2011) per
 * touched row. A row never trained is not stored: a user-side row starts at a deterministic uniform value from
 * (seed, group, index), an item-side row at 0, so an untrained term adds exactly 0 and {@link #dot} never mutates.
 * Persisted as one {@link SparseRowTable} keyed by {@code group << 32 | index}. Not thread-safe.
 */
public final class FieldFactorization {
    private final Settings settings;
    private final boolean[] userSide;
    private final boolean[] itemSide;
    private final SparseRowTable rows;
    private final float[] p;
    private final float[] q;
    private final float[] grad;
    private final float[] p0;
    private final float[] q0;
    private int[] stepped = new int[16];
    private int steppedCount;
    private float[] saved = new float[0];

    /**
     * @param dim          vector width ({@code >= 1})
     * @param learningRate AdaGrad step size
     * @param init         user-side rows start uniform in [-init, init]
     * @param l2           L2 strength, added to each step's gradient
     * @param accumulator  AdaGrad's initial accumulator
     * @param seed         seed of the user-side initialisation
     * @param groups       number of feature groups (ids 0..groups-1)
     * @param userGroups   groups pooled into p
     * @param itemGroups   groups pooled into q (disjoint from userGroups)
     */
    public record Settings(int dim, float learningRate, float init, float l2, float accumulator, long seed,
                           int groups, List<Integer> userGroups, List<Integer> itemGroups) {
        public Settings {
            userGroups = List.copyOf(userGroups);
            itemGroups = List.copyOf(itemGroups);
            if (dim < 1) {
                throw new IllegalArgumentException("factorization width must be positive, got " + dim);
            }
            for (final int g : userGroups) {
                if (g < 0 || g >= groups || itemGroups.contains(g)) {
                    throw new IllegalArgumentException("user-side group " + g + " outside [0, " + groups
                        + ") or also item-side");
                }
            }
            for (final int g : itemGroups) {
                if (g < 0 || g >= groups) {
                    throw new IllegalArgumentException("item-side group " + g + " outside [0, " + groups + ")");
                }
            }
        }
    }

    public FieldFactorization(final Settings settings) {
        this.settings = settings;
        this.userSide = members(settings.groups(), settings.userGroups());
        this.itemSide = members(settings.groups(), settings.itemGroups());
        this.rows = new SparseRowTable(settings.dim(), new AdaGrad(settings.learningRate(), settings.accumulator(),
            1e-8f));
        this.p = new float[settings.dim()];
        this.q = new float[settings.dim()];
        this.grad = new float[settings.dim()];
        this.p0 = new float[settings.dim()];
        this.q0 = new float[settings.dim()];
    }

    private static boolean[] members(final int groups, final List<Integer> members) {
        final boolean[] side = new boolean[groups];
        for (final int g : members) {
            side[g] = true;
        }
        return side;
    }

    /** {@code p . q}. Never mutates. */
    public double dot(final SparseFeatures x) {
        return dot(x, ImplicitFeedback.NONE);
    }

    /** {@code p . q} with the {@link ImplicitFeedback} pooled into the sides. Never mutates. */
    public double dot(final SparseFeatures x, final ImplicitFeedback feedback) {
        pool(x, feedback);
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            sum += (double) p[k] * q[k];
        }
        return sum;
    }

    /** One AdaGrad step of every pooled row with the loss's {@code dL/dz}. */
    public void update(final SparseFeatures x, final double dLdz) {
        addGradients(x, ImplicitFeedback.NONE, dLdz);
        rows.applyGradients();
    }

    /**
     * {@link #update} with a bounded step: when the AdaGrad step moves the score {@code p . q} by more than
     * {@code bound * |dL/dz| / curvature} (that fraction of the one-example Newton step, {@code curvature} being
     * {@code d2L/dz2} at the score), every stepped row moves back along its step to {@code v_old + a (v_new - v_old)}
     * with the {@code a} in (0, 1) that brings the move within the limit ({@link #shrink}: the move is quadratic in
     * {@code a}, both sides being stepped). So with a bound up to 1 one event never pushes its own score past the
     * minimum of the loss's local quadratic, the invariant of importance-aware updates (Karampatziakis and Langford
     * 2011), whatever the step size and however large the rows have grown. The accumulators keep the full gradient.
     * {@code bound <= 0} is {@link #update}.
     */
    public void boundedUpdate(final SparseFeatures x, final double dLdz, final double curvature, final double bound) {
        boundedUpdate(x, ImplicitFeedback.NONE, dLdz, curvature, bound);
    }

    /** {@link #boundedUpdate} of the score with {@link ImplicitFeedback}, its rows included. */
    public void boundedUpdate(final SparseFeatures x, final ImplicitFeedback feedback, final double dLdz,
                              final double curvature, final double bound) {
        if (bound <= 0) {
            addGradients(x, feedback, dLdz);
            rows.applyGradients();
            return;
        }
        pool(x, feedback);
        System.arraycopy(p, 0, p0, 0, p.length);
        System.arraycopy(q, 0, q0, 0, q.length);
        addGradients(x, feedback, dLdz);
        final int dim = p.length;
        if (saved.length < steppedCount * dim) {
            saved = new float[steppedCount * dim];
        }
        final float[] values = rows.values();
        for (int s = 0; s < steppedCount; s++) {
            System.arraycopy(values, stepped[s] * dim, saved, s * dim, dim);
        }
        rows.applyGradients();
        pool(x, feedback);
        // the pooled vectors are linear in the rows: at v_old + a (v_new - v_old) the score moves by
        // a * lin + a^2 * quad, with lin = dp . q0 + p0 . dq and quad = dp . dq
        double lin = 0;
        double quad = 0;
        for (int k = 0; k < dim; k++) {
            final double dp = (double) p[k] - p0[k];
            final double dq = (double) q[k] - q0[k];
            lin += dp * q0[k] + p0[k] * dq;
            quad += dp * dq;
        }
        final double limit = bound * Math.abs(dLdz) / Math.max(curvature, 1e-6);
        final double a = BoundedStep.shrink(lin, quad, limit);
        if (a < 1) {
            for (int s = 0; s < steppedCount; s++) {
                final int base = stepped[s] * dim;
                for (int k = 0; k < dim; k++) {
                    final float old = saved[s * dim + k];
                    values[base + k] = old + (float) a * (values[base + k] - old);
                }
                rows.markDirty(stepped[s]);
            }
        }
    }

    /** Adds {@code dL/dv_j} of every pooled row to its pending gradient (rows created as needed), no step. */
    public void addGradients(final SparseFeatures x, final double dLdz) {
        addGradients(x, ImplicitFeedback.NONE, dLdz);
    }

    /**
     * {@link #addGradients} of the score with {@link ImplicitFeedback}: also
     * {@code dL/dy_j = dL/dz |N(u)|^-1/2 q + l2 y_j} and {@code dL/dz_v = dL/dz |N(i)|^-1/2 p + l2 z_v}.
     */
    public void addGradients(final SparseFeatures x, final ImplicitFeedback feedback, final double dLdz) {
        pool(x, feedback);
        steppedCount = 0;
        final int dim = p.length;
        for (int j = 0; j < x.size(); j++) {
            final int group = x.group(j);
            final boolean user = userSide[group];
            if (!user && !itemSide[group]) {
                continue;
            }
            final float[] other = user ? q : p;
            final int slot = slotFor(group, x.index(j), user);
            final float[] values = rows.values();
            final float scale = (float) (dLdz * x.value(j));
            for (int k = 0; k < dim; k++) {
                grad[k] = scale * other[k] + settings.l2() * values[slot * dim + k];
            }
            rows.addGradient(slot, 1f, grad, 0);
            remember(slot);
        }
        addImplicitGradients(feedback.user(), feedback.userCount(), settings.groups(),
            (float) (dLdz * feedback.userScale()), q);
        addImplicitGradients(feedback.item(), feedback.itemCount(), settings.groups() + 1,
            (float) (dLdz * feedback.itemScale()), p);
    }

    private void addImplicitGradients(final int[] keys, final int count, final int group, final float scale,
                                      final float[] other) {
        final int dim = p.length;
        for (int i = 0; i < count; i++) {
            final int slot = slotFor(group, keys[i], false);
            final float[] values = rows.values();
            for (int k = 0; k < dim; k++) {
                grad[k] = scale * other[k] + settings.l2() * values[slot * dim + k];
            }
            rows.addGradient(slot, 1f, grad, 0);
            remember(slot);
        }
    }

    private void remember(final int slot) {
        for (int s = 0; s < steppedCount; s++) {
            if (stepped[s] == slot) {
                return;
            }
        }
        if (steppedCount == stepped.length) {
            stepped = Arrays.copyOf(stepped, 2 * stepped.length);
        }
        stepped[steppedCount++] = slot;
    }

    /** p and q of {@code x}, {@code feedback}'s rows included. */
    private void pool(final SparseFeatures x, final ImplicitFeedback feedback) {
        Arrays.fill(p, 0f);
        Arrays.fill(q, 0f);
        for (int j = 0; j < x.size(); j++) {
            final int group = x.group(j);
            if (userSide[group]) {
                accumulate(group, x.index(j), x.value(j), p, true);
            } else if (itemSide[group]) {
                accumulate(group, x.index(j), x.value(j), q, false);
            }
        }
        final float userScale = feedback.userScale();
        for (int i = 0; i < feedback.userCount(); i++) {
            accumulate(settings.groups(), feedback.user()[i], userScale, p, false);
        }
        final float itemScale = feedback.itemScale();
        for (int i = 0; i < feedback.itemCount(); i++) {
            accumulate(settings.groups() + 1, feedback.item()[i], itemScale, q, false);
        }
    }

    private void accumulate(final int group, final int index, final float scale, final float[] out,
                            final boolean user) {
        final int dim = out.length;
        final int slot = rows.slot(key(group, index));
        if (slot >= 0) {
            final float[] values = rows.values();
            for (int k = 0; k < dim; k++) {
                out[k] += scale * values[slot * dim + k];
            }
        } else if (user) {
            final SplittableRandom random = initRandom(group, index);
            for (int k = 0; k < dim; k++) {
                out[k] += scale * initValue(random);
            }
        }
    }

    private int slotFor(final int group, final int index, final boolean user) {
        final long key = key(group, index);
        final int existing = rows.slot(key);
        if (existing >= 0) {
            return existing;
        }
        final int slot = rows.insert(key);
        if (user) {
            final float[] values = rows.values();
            final SplittableRandom random = initRandom(group, index);
            for (int k = 0; k < p.length; k++) {
                values[slot * p.length + k] = initValue(random);
            }
        }
        return slot;
    }

    /** The row key of a feature: {@code group << 32 | index}. */
    public static long key(final int group, final int index) {
        return ((long) group << 32) | (index & 0xFFFFFFFFL);
    }

    private SplittableRandom initRandom(final int group, final int index) {
        return new SplittableRandom(settings.seed() ^ (key(group, index) * 0xBF58476D1CE4E5B9L));
    }

    private float initValue(final SplittableRandom random) {
        return (float) ((random.nextDouble() * 2 - 1) * settings.init());
    }

    /** The persisted rows (values and AdaGrad accumulators). */
    public SparseRowTable rows() {
        return rows;
    }

    /** Stored rows times their width. */
    public long size() {
        return (long) rows.size() * p.length;
    }

    /** The rows as the sparse table {@code <prefix>} with their accumulators. */
    public void exportTensors(final TensorSink sink, final String prefix) {
        rows.exportTensors(sink, prefix);
    }
}
