package dev.streamrec.models.deepmix;

import dev.streamrec.models.TensorSink;
import dev.streamrec.models.nn.Losses;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.AdaGrad;
import dev.streamrec.optim.Sgd;

/**
 * The genre head's first-order "audience" part: an item is described by the users who interacted with it. Per
 * label k, over the item's audience {@code A(i)} (its last {@code deepmix.genre.audience} distinct users of learned
 * events, plus the event's own user),
 * {@code s_k(i) = b_k + sum_j a_kj pbar_j + |A(i)|^-1/2 sum_{u in A(i)} w_uk}: a learned weight per user and label
 * (a "users who watch horror" term, the bag-of-users analogue of SVD++'s {@code |N|^-1/2} pooling, Koren 2008
 * Eq. 15) and, with {@code deepmix.genre.audience.profile}, a linear map of {@code pbar}, the audience's genre
 * profile: each user's share of earlier events whose item had label j, smoothed by
 * {@code deepmix.genre.audience.profile.prior} pseudo-events of every user's share, averaged over the audience and
 * divided by every user's share, minus 1 (a lift: rare labels get inputs as large as common ones). Summed into the
 * genre head's logits; learned per labelled item by AdaGrad on its own loss, the sum over labels of the binary log
 * losses of {@code s_k}, so it never chases the tower. A departure from the DeepMix paper (its genre tower sees the
 * item's attributes only).
 *
 * <p>No label leaks into a cold item's score: a user's profile only counts items whose labels the model has learned
 * already ({@code labelsKnown} in {@link #record}), and an item is measured before its labels are learned. The
 * weights start at 0, so an untrained part adds exactly 0. Memory: one row of 1 + 2 cap floats per item, one of
 * 1 + L per user for the profile and L for the weights. Persisted as {@code genre.audience} (the audiences),
 * {@code genre.audience.profiles}, {@code genre.audience.users} ({@code w}) and {@code genre.audience.shared}
 * ({@code b, a}). Not thread-safe.
 */
final class ItemAudience {
    private static final String NO_USER = "";
    private static final long SHARED_KEY = 0L;
    /** The profiles' row of every user together (above every 31-bit member key). */
    private static final long ALL_USERS = 1L << 40;
    private static final float MAX_LIFT = 10f;

    private final int labels;
    private final boolean profile;
    private final boolean userWeights;
    private final float prior;
    private final RecentInteractions audiences;
    private final SparseRowTable profiles;
    private final SparseRowTable users;
    private final SparseRowTable shared;
    private final int[] members;
    private final float[] pooled;
    private final float[] gradient;

    /**
     * A part over {@code capacity} users per item ({@code deepmix.genre.audience}, at least 1), with the profile map
     * and the per-user weights each on or off, and {@code prior} pseudo-events of the all-users share in each
     * profile ({@code deepmix.genre.audience.profile.prior}).
     */
    ItemAudience(final int labels, final int capacity, final boolean profile, final boolean userWeights,
                 final float prior, final float learningRate) {
        this.labels = labels;
        this.prior = prior;
        this.profile = profile;
        this.userWeights = userWeights;
        this.audiences = new RecentInteractions(capacity);
        this.profiles = new SparseRowTable(1 + labels, new Sgd(1f));
        final AdaGrad adagrad = new AdaGrad(learningRate, 0.1f, 1e-8f);
        this.users = new SparseRowTable(labels, adagrad);
        this.shared = new SparseRowTable(labels * (1 + labels), adagrad);
        this.members = new int[capacity + 1];
        this.pooled = new float[labels];
        this.gradient = new float[labels * (1 + labels)];
    }

    /**
     * The part's logits {@code s(i)} for the item with the event's user {@code userId} in its audience (or none:
     * {@code null}); mutates nothing.
     */
    double[] logits(final String itemId, final String userId) {
        final int n = audience(itemId, userId);
        final double[] s = new double[labels];
        final int sharedSlot = shared.slot(SHARED_KEY);
        if (sharedSlot >= 0) {
            final float[] v = shared.values();
            final int base = sharedSlot * shared.width();
            poolProfiles(n);
            for (int k = 0; k < labels; k++) {
                double z = v[base + k];
                for (int j = 0; j < labels && profile; j++) {
                    z += v[base + labels + k * labels + j] * pooled[j];
                }
                s[k] = z;
            }
        }
        if (n > 0 && userWeights) {
            final double scale = 1 / Math.sqrt(n);
            final float[] w = users.values();
            for (int m = 0; m < n; m++) {
                final int slot = users.slot(members[m]);
                for (int k = 0; k < labels && slot >= 0; k++) {
                    s[k] += scale * w[slot * labels + k];
                }
            }
        }
        return s;
    }

    /** One AdaGrad step of the part on its own log loss for the item's true labels. */
    void learn(final String itemId, final String userId, final ItemExample item) {
        addGradients(itemId, userId, item);
        users.applyGradients();
        shared.applyGradients();
    }

    /** Accumulates the gradients of the part's own log loss (summed over labels), no step (gradient checks). */
    void addGradients(final String itemId, final String userId, final ItemExample item) {
        final double[] s = logits(itemId, userId);
        final int n = audience(itemId, userId);
        poolProfiles(n);
        final float[] g = new float[labels];
        for (int k = 0; k < labels; k++) {
            g[k] = (float) (Losses.sigmoid(s[k]) - (item.hasLabel(k) ? 1 : 0));
            gradient[k] = g[k];
            for (int j = 0; j < labels; j++) {
                gradient[labels + k * labels + j] = profile ? g[k] * pooled[j] : 0f;
            }
        }
        int sharedSlot = shared.slot(SHARED_KEY);
        if (sharedSlot < 0) {
            sharedSlot = shared.insert(SHARED_KEY);
        }
        shared.addGradient(sharedSlot, 1f, gradient, 0);
        final float scale = n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
        for (int m = 0; m < n && userWeights; m++) {
            int slot = users.slot(members[m]);
            if (slot < 0) {
                slot = users.insert(members[m]);
            }
            users.addGradient(slot, scale, g, 0);
        }
    }

    /**
     * After an event is learned: its user joins the item's audience and, when the model knows the item's labels
     * ({@code labelsKnown}), the item's labels go into the user's profile.
     */
    void record(final String itemId, final String userId, final ItemExample item, final boolean labelsKnown) {
        audiences.add(itemId, userId);
        if (!labelsKnown || item == null) {
            return;
        }
        final long key = RecentInteractions.memberKey(userId);
        int slot = profiles.slot(key);
        if (slot < 0) {
            slot = profiles.insert(key);
        }
        count(slot, item);
        int all = profiles.slot(ALL_USERS);
        if (all < 0) {
            all = profiles.insert(ALL_USERS);
        }
        count(all, item);
    }

    private void count(final int slot, final ItemExample item) {
        final float[] v = profiles.values();
        final int base = slot * profiles.width();
        v[base] += 1f;
        for (final int k : item.labels()) {
            v[base + 1 + k] += 1f;
        }
        profiles.markDirty(slot);
    }

    /** The audience's member keys into {@link #members}, the event's user last (when given and not held); count. */
    private int audience(final String itemId, final String userId) {
        int n = audiences.copy(itemId, userId == null ? NO_USER : userId, members);
        if (userId != null) {
            members[n++] = RecentInteractions.memberKey(userId);
        }
        return n;
    }

    /**
     * {@link #pooled} = the mean over the first {@code n} members with a profile of their smoothed genre shares,
     * divided by every user's share (the lift, at most {@value #MAX_LIFT}), minus 1 (0 if no member has a profile).
     */
    private void poolProfiles(final int n) {
        java.util.Arrays.fill(pooled, 0f);
        if (!profile) {
            return;
        }
        int withProfile = 0;
        final float[] v = profiles.values();
        final int all = profiles.slot(ALL_USERS) * profiles.width();
        for (int m = 0; m < n; m++) {
            final int slot = profiles.slot(members[m]);
            if (slot < 0) {
                continue;
            }
            final int base = slot * profiles.width();
            withProfile++;
            for (int k = 0; k < labels; k++) {
                // additive smoothing towards every user's share: (count_k + m share_k) / (count + m)
                pooled[k] += (v[base + 1 + k] + prior * v[all + 1 + k] / v[all]) / (v[base] + prior);
            }
        }
        for (int k = 0; k < labels && withProfile > 0; k++) {
            // the audience's lift over every user's share: 0 for an average audience, so rare labels get inputs
            // as large as common ones
            final float share = v[all + 1 + k] / v[all];
            pooled[k] = share > 0 ? Math.min(MAX_LIFT, pooled[k] / withProfile / share) - 1f : 0f;
        }
    }

    SparseRowTable users() {
        return users;
    }

    SparseRowTable shared() {
        return shared;
    }

    /** Stored rows times their width (audiences, profiles and weights). */
    long size() {
        return audiences.size() + (long) profiles.size() * profiles.width() + (long) users.size() * users.width()
            + (long) shared.size() * shared.width();
    }

    /** Registers the four persisted parts; the audiences and profiles are task-local, like the factor histories. */
    void register(final ModelState state) {
        state.register("genre.audience", Persisted.taskLocal(audiences.rows()));
        state.register("genre.audience.profiles", Persisted.taskLocal(profiles));
        state.register("genre.audience.users", users);
        state.register("genre.audience.shared", shared);
    }

    /** The learned weights with their AdaGrad accumulators. */
    void exportTensors(final TensorSink sink) {
        users.exportTensors(sink, "genre.audience.users");
        shared.exportTensors(sink, "genre.audience.shared");
    }
}
