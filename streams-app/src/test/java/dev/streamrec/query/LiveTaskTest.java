package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-model locks keep queries and record processing apart; registration follows the task's life. */
class LiveTaskTest {
    /** A model whose prediction is its version, so a score shows which state it was read from. */
    private static class Counter implements OnlineModel {
        private long version;

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public double predict(final Example example) {
            return version;
        }

        @Override
        public void learn(final Example example) {
            version++;
        }

        @Override
        public long parameterCount() {
            return 1;
        }

        @Override
        public void drainChanges(final ParameterSink sink) {
        }

        @Override
        public void exportTensors(final TensorSink sink) {
        }

        @Override
        public void restore(final byte[] key, final byte[] value) {
        }
    }

    private static Example example() {
        return new Example(Task.CLICK, 0, "u", "i", 0, new SparseFeatures(4), new SparseFeatures(4));
    }

    @Test
    @Timeout(30)
    void shouldMakeAQueryWaitWhileARecordIsProcessed() throws Exception {
        final LiveModels registry = new LiveModels();
        final LiveTask task = registry.register("0_0", 0);
        final Counter model = new Counter();
        task.publish(List.of(model));
        task.lockForRecord();
        final Thread[] queryThread = new Thread[1];
        final CompletableFuture<LiveTask.ChunkScores> query = CompletableFuture.supplyAsync(() -> {
            queryThread[0] = Thread.currentThread();
            return task.score("counter", List.of(example(), example())).orElseThrow();
        });
        while (queryThread[0] == null || queryThread[0].getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until the query blocks on the lock
        }
        model.learn(example()); // half-way through a "record": the query must not see this state yet
        model.learn(example());
        assertFalse(query.isDone());
        task.unlockAfterRecord(42);
        final LiveTask.ChunkScores scores = query.get(10, TimeUnit.SECONDS);
        assertEquals(2, scores.version(), "the state after the whole record");
        assertEquals(2.0, scores.scores()[0]);
        assertEquals(2.0, scores.scores()[1]);
        assertEquals(42, task.streamTime());
    }

    @Test
    void shouldScoreOneBlockPerHoldOnceTheBudgetIsSpentAndEverythingInOneHoldWithinIt() {
        final LiveTask task = new LiveModels().register("0_0", 0);
        final Counter model = new Counter();
        task.publish(List.of(model));
        final List<Example> examples = java.util.Collections.nCopies(2 * LiveTask.BLOCK + 5, example());
        final double[] scores = new double[examples.size()];
        final LiveTask.Hold first = task.scoreWithin("counter", examples, 0, scores, 0).orElseThrow();
        assertEquals(new LiveTask.Hold(0, LiveTask.BLOCK, 0), first, "a spent budget: one block, then release");
        model.learn(example()); // the stream thread's turn between two holds
        final LiveTask.Hold second = task.scoreWithin("counter", examples, first.to(), scores, 0).orElseThrow();
        assertEquals(new LiveTask.Hold(LiveTask.BLOCK, 2 * LiveTask.BLOCK, 1), second);
        final LiveTask.Hold rest = task.scoreWithin("counter", examples, second.to(), scores, 0).orElseThrow();
        assertEquals(new LiveTask.Hold(2 * LiveTask.BLOCK, examples.size(), 1), rest);
        assertEquals(0.0, scores[LiveTask.BLOCK - 1]);
        assertEquals(1.0, scores[LiveTask.BLOCK]);
        final LiveTask.Hold all = task.scoreWithin("counter", examples, 0, scores, Long.MAX_VALUE).orElseThrow();
        assertEquals(new LiveTask.Hold(0, examples.size(), 1), all, "within the budget: every example in one hold");
        for (final double score : scores) {
            assertEquals(1.0, score);
        }
    }

    /** A second model, named otherwise. */
    private static final class Slow extends Counter {
        @Override
        public String name() {
            return "slow";
        }
    }

    private static CompletableFuture<LiveTask.ChunkScores> queryInThread(final LiveTask task, final String model,
                                                                          final Thread[] thread) {
        return CompletableFuture.supplyAsync(() -> {
            thread[0] = Thread.currentThread();
            return task.score(model, List.of(example())).orElseThrow();
        });
    }

    private static void awaitBlocked(final Thread[] thread) {
        while (thread[0] == null || thread[0].getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until the query blocks on a lock
        }
    }

    @Test
    @Timeout(30)
    void shouldLetAQueryReadAModelThatLearnedTheRecordWhileAnotherStillLearns() throws Exception {
        final LiveTask task = new LiveModels().register("0_0", 0);
        final Counter fast = new Counter();
        final Slow slow = new Slow();
        task.publish(List.of(fast, slow));
        task.lockForRecord();
        fast.learn(example());
        task.releaseModel(0); // the first model has learned the record; the second is still learning
        slow.learn(example());
        final LiveTask.ChunkScores fastScores = task.score("counter", List.of(example())).orElseThrow();
        assertEquals(1, fastScores.version(), "read while the other model still holds its lock");
        final Thread[] slowQuery = new Thread[1];
        final CompletableFuture<LiveTask.ChunkScores> slowScores = queryInThread(task, "slow", slowQuery);
        awaitBlocked(slowQuery);
        slow.learn(example()); // still the same record for this model: not visible to the waiting query
        assertFalse(slowScores.isDone());
        task.lockModels(); // a checkpoint reads every model: the first model's lock is taken again
        final Thread[] fastQuery = new Thread[1];
        final CompletableFuture<LiveTask.ChunkScores> fastAgain = queryInThread(task, "counter", fastQuery);
        awaitBlocked(fastQuery);
        task.unlockAfterRecord(7);
        assertEquals(2, slowScores.get(10, TimeUnit.SECONDS).version());
        assertEquals(1, fastAgain.get(10, TimeUnit.SECONDS).version());
        task.lockForRecord(); // the next record takes both locks again
        final Thread[] next = new Thread[1];
        final CompletableFuture<LiveTask.ChunkScores> nextQuery = queryInThread(task, "counter", next);
        awaitBlocked(next);
        fast.learn(example());
        task.unlockAfterRecord(8);
        assertEquals(2, nextQuery.get(10, TimeUnit.SECONDS).version());
    }

    @Test
    void shouldFindOnlyRegisteredTasksWithLoadedModels() {
        final LiveModels registry = new LiveModels();
        final LiveTask task = registry.register("1_3", 3);
        assertTrue(registry.task(3).isEmpty(), "registered, models not loaded yet");
        task.publish(List.of(new Counter()));
        assertEquals(task, registry.task(3).orElseThrow());
        assertTrue(task.score("other", List.of(example())).isEmpty());
        task.unregister();
        assertTrue(registry.task(3).isEmpty());
        assertTrue(registry.tasks().isEmpty());
    }

    @Test
    void shouldUseTheRegistryPassedInTheStreamsConfiguration() {
        final LiveModels registry = new LiveModels();
        assertTrue(LiveModels.from(java.util.Map.of(LiveModels.CONFIG_KEY, registry)) == registry);
        assertFalse(LiveModels.from(java.util.Map.of()) == registry);
    }
}
