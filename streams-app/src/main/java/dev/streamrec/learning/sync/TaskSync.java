package dev.streamrec.learning.sync;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.params.DenseTensor;
import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.models.params.InteractionHistories;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.SparseRowTable;

/**
 * One task's side of the parameter sync (docs/shared-model.md): the shared parts of its models (every FTRL learner,
 * sparse-row table, dense tensor and interaction history of their {@code ModelState}; everything else stays the
 * task's own),
 * {@linkplain #extract extracted} as the task's round delta at the end of each round and {@linkplain #apply merged
 * rounds applied}. Keeps its own deltas until the merged round of the same number is applied. Dense tensors may be
 * synced every few rounds only ({@code denseEveryRounds}: they dominate the traffic, as in Monolith, which syncs
 * embedding rows every minute and dense weights far less often); a tensor's delta then holds every step since its
 * previous extraction. Not thread-safe.
 */
public final class TaskSync {
    private final int task;
    private final int denseEveryRounds;
    private final SortedMap<String, SharedPart> parts = new TreeMap<>();
    private final SortedMap<Long, RoundDelta> published = new TreeMap<>();
    private long lastApplied = -1;

    /** As {@link #TaskSync(int, List, int)}, dense tensors synced every round. */
    public TaskSync(final int task, final List<OnlineModel> models) {
        this(task, models, 1);
    }

    /**
     * @param models           the task's models, their state restored; every model must expose its
     *                         {@code ModelState}
     * @param denseEveryRounds dense tensors are extracted only in rounds {@code r} with
     *                         {@code (r + 1) % denseEveryRounds == 0} (rounds are numbered from the epoch, so every
     *                         task picks the same ones); 1 = every round
     */
    public TaskSync(final int task, final List<OnlineModel> models, final int denseEveryRounds) {
        if (denseEveryRounds < 1) {
            throw new IllegalArgumentException("dense tensors synced every " + denseEveryRounds
                + " rounds; must be at least 1");
        }
        this.task = task;
        this.denseEveryRounds = denseEveryRounds;
        for (final OnlineModel model : models) {
            for (final Map.Entry<String, Persisted> part : model.modelState().parts().entrySet()) {
                final String name = model.name() + "/" + part.getKey();
                final Persisted p = part.getValue();
                if (p instanceof FtrlCoordinates f) {
                    parts.put(name, new FtrlSync(f));
                } else if (p instanceof SparseRowTable t) {
                    parts.put(name, new RowSync(t));
                } else if (p instanceof DenseTensor d) {
                    parts.put(name, new DenseSync(d));
                } else if (p instanceof InteractionHistories h) {
                    parts.put(name, new HistorySync(h));
                }
            }
        }
    }

    /** The task's delta of {@code round}: what it learned in the shared parts since the previous extraction. */
    public RoundDelta extract(final long round) {
        if (!published.isEmpty() && published.lastKey() >= round) {
            throw new IllegalStateException("task " + task + " extracted round " + published.lastKey()
                + " already; rounds go up, not to " + round);
        }
        final SortedMap<String, PartDelta> deltas = new TreeMap<>();
        final boolean denseRound = Math.floorMod(round + 1, (long) denseEveryRounds) == 0;
        for (final Map.Entry<String, SharedPart> part : parts.entrySet()) {
            if (part.getValue() instanceof DenseSync && !denseRound) {
                continue; // its steps stay in the tensor's next delta
            }
            final PartDelta delta = part.getValue().extract();
            if (delta != null) {
                deltas.put(part.getKey(), delta);
            }
        }
        final RoundDelta delta = new RoundDelta(task, round, deltas);
        published.put(round, delta);
        return delta;
    }

    /**
     * Adds what the other tasks learned in the merged round: the merged delta minus this task's own delta of that
     * round. Merged rounds are applied in ascending order.
     */
    public void apply(final RoundDelta merged) {
        if (merged.task() != RoundDelta.MERGED) {
            throw new IllegalArgumentException("task " + task + " given task " + merged.task()
                + "'s delta to apply, not a merged round");
        }
        if (merged.round() <= lastApplied) {
            throw new IllegalStateException("task " + task + " applied round " + lastApplied + " already, not "
                + merged.round());
        }
        final RoundDelta own = published.remove(merged.round());
        for (final Map.Entry<String, PartDelta> part : merged.parts().entrySet()) {
            final SharedPart shared = parts.get(part.getKey());
            if (shared == null) {
                throw new IllegalArgumentException("merged round " + merged.round() + " has part " + part.getKey()
                    + " that task " + task + "'s models do not share; they have " + parts.keySet());
            }
            shared.apply(part.getValue(), own == null ? null : own.part(part.getKey()));
        }
        lastApplied = merged.round();
    }

    /** The last merged round applied, -1 before the first. */
    public long lastApplied() {
        return lastApplied;
    }

    /** The shared parts' names ({@code <model>/<part>}). */
    public java.util.Set<String> partNames() {
        return parts.keySet();
    }
}
