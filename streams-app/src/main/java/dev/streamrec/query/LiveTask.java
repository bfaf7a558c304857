package dev.streamrec.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.streamrec.features.Example;
import dev.streamrec.models.OnlineModel;

/**
 * One active stream task's live models, as queries see them, and the locks that separate queries from learning.
 *
 * <p>Thread safety: the models are not thread-safe (they learn in place, and DeepMix's and LC-W&amp;D's predict
 * reuse internal buffers), so each model has a lock, and every use of a model holds its lock. The stream thread
 * takes every model's lock when it starts a record ({@link #lockForRecord}) and releases each model's lock as soon
 * as that model has scored and learned the record ({@link #releaseModel}); a checkpoint or a snapshot then drains the
 * models without their locks (the one thing {@code OnlineModel} allows beside a predict), and a rebuild takes them all
 * again ({@link #lockModels}) until the record is done ({@link #unlockAfterRecord}). A query holds one model's lock while it scores a run of candidates with that model
 * ({@link #scoreWithin}: until a time budget is spent). A hold therefore sees the model between two of its updates,
 * never half-way through one, and all its scores come from one model version; an LR query does not wait for
 * DeepMix's training step. A query only calls {@code predict}, which changes no model state; holding a lock only
 * delays the stream thread, which is why a query's holds are bounded in time.
 *
 * <p>Deadlock-free: the stream thread takes locks in model order, a query holds one lock and waits for no other.
 */
public final class LiveTask {
    /** Examples one {@link OnlineModel#predictAll} call scores (a batched model's batch). */
    public static final int BLOCK = 64;

    private final String taskId;
    private final int partition;
    private final LiveModels registry;
    private volatile Published published = new Published(List.of(), List.of());
    private volatile long streamTime = Long.MIN_VALUE;
    /** The locks the stream thread holds (only the stream thread reads or writes this list). */
    private final List<ReentrantLock> heldByStream = new ArrayList<>();

    /** The models and their locks, published together. */
    private record Published(List<OnlineModel> models, List<ReentrantLock> locks) { }

    LiveTask(final String taskId, final int partition, final LiveModels registry) {
        this.taskId = taskId;
        this.partition = partition;
        this.registry = registry;
    }

    /** The scores of one chunk and the version of the model that gave them. */
    public record ChunkScores(String model, long version, double[] scores) { }

    public String taskId() {
        return taskId;
    }

    public int partition() {
        return partition;
    }

    /** The largest timestamp of a record this task processed ({@link Long#MIN_VALUE} before the first). */
    public long streamTime() {
        return streamTime;
    }

    boolean ready() {
        return !published.models().isEmpty();
    }

    /**
     * Called by the stream thread whenever it (re)builds the task's models: queries use these from now on. Each
     * model gets a fresh lock; fair, so a waiting query gets it after the record in progress, not after every
     * record the thread has.
     */
    public void publish(final List<OnlineModel> loaded) {
        final List<ReentrantLock> locks = new ArrayList<>();
        loaded.forEach(m -> locks.add(new ReentrantLock(true)));
        this.published = new Published(List.copyOf(loaded), List.copyOf(locks));
    }

    /** The stream thread takes every model's lock before it processes a record. */
    public void lockForRecord() {
        lockModels();
    }

    /** The stream thread takes the lock of every model whose lock it does not hold (before reading them all). */
    public void lockModels() {
        for (final ReentrantLock lock : published.locks()) {
            if (!lock.isHeldByCurrentThread()) {
                lock.lock();
                heldByStream.add(lock);
            }
        }
    }

    /** The stream thread is done with model {@code index} for now (it scored and learned the record). */
    public void releaseModel(final int index) {
        final List<ReentrantLock> locks = published.locks();
        if (index < locks.size() && locks.get(index).isHeldByCurrentThread()) {
            locks.get(index).unlock();
            heldByStream.remove(locks.get(index));
        }
    }

    /** The stream thread releases every lock it holds after it processed a record with timestamp {@code timestamp}. */
    public void unlockAfterRecord(final long timestamp) {
        if (timestamp > streamTime) {
            streamTime = timestamp;
        }
        for (final ReentrantLock lock : heldByStream) {
            lock.unlock();
        }
        heldByStream.clear();
    }

    /** The task closed (or was revoked): queries no longer find it. */
    public void unregister() {
        registry.unregister(this);
        this.published = new Published(List.of(), List.of());
    }

    /** The names of the live models, in the configured order. */
    public List<String> modelNames() {
        return published.models().stream().map(OnlineModel::name).toList();
    }

    /**
     * Each example's prediction by the named model, all under its lock (so from one model version); empty if the
     * model is not live here.
     */
    public Optional<ChunkScores> score(final String modelName, final List<Example> examples) {
        final double[] scores = new double[examples.size()];
        return scoreWithin(modelName, examples, 0, scores, Long.MAX_VALUE)
            .map(held -> new ChunkScores(modelName, held.version(), scores));
    }

    /** What one hold of a model's lock scored: examples {@code [from, to)}, all by model version {@code version}. */
    public record Hold(int from, int to, long version) { }

    /**
     * Scores examples from {@code from} on under one hold of the model's lock, {@link #BLOCK} at a time through
     * {@link OnlineModel#predictAll}, writing {@code out[i]} for each scored example {@code i}, until every example
     * is scored or the hold has lasted {@code budgetNanos} (at least one block is scored): a cheap model ranks
     * every candidate in one hold, an expensive one releases the lock to the stream thread every
     * {@code budgetNanos} plus one block. Empty if the model is not live here.
     */
    public Optional<Hold> scoreWithin(final String modelName, final List<Example> examples, final int from,
                                      final double[] out, final long budgetNanos) {
        if (from < 0 || from > examples.size()) {
            throw new IllegalArgumentException("from " + from + " is outside 0.." + examples.size());
        }
        final Published live = published;
        final int index = live.models().stream().map(OnlineModel::name).toList().indexOf(modelName);
        if (index < 0) {
            return Optional.empty();
        }
        final OnlineModel model = live.models().get(index);
        final ReentrantLock lock = live.locks().get(index);
        lock.lock();
        try {
            final long start = System.nanoTime();
            final double[] block = new double[Math.min(BLOCK, examples.size() - from)];
            int next = from;
            do {
                final int to = Math.min(examples.size(), next + BLOCK);
                model.predictAll(examples.subList(next, to), block);
                System.arraycopy(block, 0, out, next, to - next);
                next = to;
            } while (next < examples.size() && System.nanoTime() - start < budgetNanos);
            return Optional.of(new Hold(from, next, model.version()));
        } finally {
            lock.unlock();
        }
    }
}
