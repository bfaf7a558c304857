package dev.streamrec.models.params;

/**
 * Persisted per-owner histories of the last {@link #capacity} distinct members an owner interacted with, oldest
 * first, where adding a member already held changes nothing and a full history drops its oldest member (DeepMix's
 * item-side implicit feedback). Owners and members are keys (hashes of their ids).
 *
 * <p>Registered as a part of a model's {@link ModelState} in place of a task-local wrapper, it tells parameter sync
 * across tasks that the histories are shared: sync reads the additions a task made ({@link #takeAdditions}) and
 * replaces an owner's history by the merged one ({@link #replace}). A history is not a sum of deltas, so it has its
 * own kind of sync.
 */
public interface InteractionHistories extends Persisted {
    /** The additions made since the previous call, in order, every call of add counted (also those that changed nothing). */
    record Additions(long[] owners, int[] members) {
        public Additions {
            if (owners.length != members.length) {
                throw new IllegalArgumentException(owners.length + " owners for " + members.length + " members");
            }
        }
    }

    /** Members per history at most. */
    int capacity();

    /** From now on, remembers every addition until {@link #takeAdditions} (off until first called). */
    void trackAdditions();

    /** The additions since the previous call (or since {@link #trackAdditions}), and forgets them. */
    Additions takeAdditions();

    /** Adds the member to the owner's history under the rule above, untracked (sync's own rebuilds). */
    void add(long owner, int member);

    /** The same histories as now, untracked and not registered anywhere (sync's shared copy of a restored task). */
    InteractionHistories copy();

    /** Copies the owner's members, oldest first, into {@code out} (at least {@link #capacity} long); their count. */
    int members(long owner, int[] out);

    /** Sets the owner's history to {@code members[0, count)}, oldest first (at most {@link #capacity}), untracked. */
    void replace(long owner, int[] members, int count);
}
