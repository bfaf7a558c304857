package dev.streamrec.query;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.streamrec.features.Example;
import dev.streamrec.models.OnlineModel;

/**
 * One active stream task's live models, as queries see them, and the lock that separates queries from learning.
 *
 * <p>Thread safety: the models are not thread-safe (they learn in place, and DeepMix's and LC-W&amp;D's predict
 * reuse internal buffers), so every use of them holds {@link #lock}: the stream thread holds it while it processes
 * one record ({@link #lockForRecord}/{@link #unlockAfterRecord}, from the scoring processor), and a query holds it
 * while it scores a run of candidates ({@link #scoreWithin}: until a time budget is spent). A hold therefore sees
 * the models between two records, never half-way through an update, and all its scores come from one model
 * version. A query only calls {@code predict}, which changes no model state; holding the lock only delays the
 * stream thread, which is why a query's holds are bounded in time.
 */
public final class LiveTask {
    /** Examples one {@link OnlineModel#predictAll} call scores (a batched model's batch). */
    public static final int BLOCK = 64;

    private final String taskId;
    private final int partition;
    private final LiveModels registry;
    /** Fair: a waiting query gets the lock after the record in progress, not after every record the thread has. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile List<OnlineModel> models = List.of();
    private volatile long streamTime = Long.MIN_VALUE;

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
        return !models.isEmpty();
    }

    /** Called by the stream thread whenever it (re)builds the task's models: queries use these from now on. */
    public void publish(final List<OnlineModel> loaded) {
        this.models = List.copyOf(loaded);
    }

    /** The stream thread takes the lock before it processes a record. */
    public void lockForRecord() {
        lock.lock();
    }

    /** The stream thread releases the lock after it processed a record with timestamp {@code timestamp}. */
    public void unlockAfterRecord(final long timestamp) {
        try {
            if (timestamp > streamTime) {
                streamTime = timestamp;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The task closed (or was revoked): queries no longer find it. */
    public void unregister() {
        registry.unregister(this);
        this.models = List.of();
    }

    /** The names of the live models, in the configured order. */
    public List<String> modelNames() {
        return models.stream().map(OnlineModel::name).toList();
    }

    /**
     * Each example's prediction by the named model, all under the lock (so from one model version); empty if the
     * model is not live here.
     */
    public Optional<ChunkScores> score(final String modelName, final List<Example> examples) {
        final double[] scores = new double[examples.size()];
        return scoreWithin(modelName, examples, 0, scores, Long.MAX_VALUE)
            .map(held -> new ChunkScores(modelName, held.version(), scores));
    }

    /** What one hold of the lock scored: examples {@code [from, to)}, all by model version {@code version}. */
    public record Hold(int from, int to, long version) { }

    /**
     * Scores examples from {@code from} on under one hold of the lock, {@link #BLOCK} at a time through
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
        lock.lock();
        try {
            final long start = System.nanoTime();
            for (final OnlineModel model : models) {
                if (model.name().equals(modelName)) {
                    final double[] block = new double[Math.min(BLOCK, examples.size() - from)];
                    int next = from;
                    do {
                        final int to = Math.min(examples.size(), next + BLOCK);
                        model.predictAll(examples.subList(next, to), block);
                        System.arraycopy(block, 0, out, next, to - next);
                        next = to;
                    } while (next < examples.size() && System.nanoTime() - start < budgetNanos);
                    return Optional.of(new Hold(from, next, model.version()));
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }
}
