package dev.streamrec.learning;

import static dev.streamrec.learning.CheckpointedTasks.STREAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.learning.CheckpointedTasks.Stores;
import dev.streamrec.learning.sync.DeltaCodec;
import dev.streamrec.learning.sync.RoundDelta;
import dev.streamrec.learning.sync.RoundMerger;
import dev.streamrec.learning.sync.TaskSync;
import dev.streamrec.schema.Prediction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream's sync keeps no state of its own across a restart: a task checkpointed right after it applied a merged
 * round, rebuilt from that checkpoint with a new {@link TaskSync}, publishes the same deltas and scores the same
 * events, bit for bit, as if it had never stopped (every part kind of all three models; staleness 1).
 */
class SyncedRestartTest {
    private static final int TASKS = 2;
    private static final int ROUNDS = 20;
    private static final int CHECKPOINT_EVERY = 64;

    /** What two synced tasks produced: every prediction in stream order, every encoded delta in round order. */
    private record Run(List<Prediction> predictions, List<byte[]> deltas) {
    }

    @ParameterizedTest(name = "task 0 restarts after merged round {0}")
    @ValueSource(ints = {0, 4, 11})
    void restartRightAfterAnAppliedRoundChangesNoDeltaAndNoScore(final int restartAfter) {
        final Run uninterrupted = run(-1);
        final Run restarted = run(restartAfter);

        assertTrue(uninterrupted.deltas().size() >= TASKS * ROUNDS / 2, "rounds closed: "
            + uninterrupted.deltas().size() / TASKS);
        assertEquals(uninterrupted.deltas().size(), restarted.deltas().size());
        for (int i = 0; i < uninterrupted.deltas().size(); i++) {
            assertArrayEquals(uninterrupted.deltas().get(i), restarted.deltas().get(i), "delta " + i);
        }
        assertEquals(uninterrupted.predictions(), restarted.predictions());
    }

    /** Two tasks (users split by hash) synced every round, task 0 restarted after merged round {@code restartAfter}. */
    private static Run run(final int restartAfter) {
        final long first = (long) STREAM.get(0)[3];
        final long last = (long) STREAM.get(STREAM.size() - 1)[3];
        final long roundMillis = Math.max(1, (last - first) / ROUNDS);
        final List<Stores> stores = new ArrayList<>();
        final List<ModelCore> cores = new ArrayList<>();
        final List<TaskSync> syncs = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            stores.add(new Stores());
            cores.add(CheckpointedTasks.core(stores.get(t), CHECKPOINT_EVERY));
            syncs.add(new TaskSync(t, cores.get(t).models().models()));
        }
        final List<Prediction> predictions = new ArrayList<>();
        final List<byte[]> deltas = new ArrayList<>();
        long open = Math.floorDiv(first, roundMillis);
        for (int n = 0; n < STREAM.size(); n++) {
            final long round = Math.floorDiv((long) STREAM.get(n)[3], roundMillis);
            for (; open < round; open++) {
                final List<RoundDelta> round0 = new ArrayList<>();
                for (final TaskSync sync : syncs) {
                    final RoundDelta delta = sync.extract(open);
                    deltas.add(DeltaCodec.encode(delta));
                    round0.add(delta);
                }
                final RoundDelta merged = RoundMerger.merge(round0, TASKS, open);
                syncs.forEach(sync -> sync.apply(merged));
                if (open == Math.floorDiv(first, roundMillis) + restartAfter) {
                    cores.get(0).checkpoint();
                    cores.set(0, CheckpointedTasks.restarted(stores.get(0), CHECKPOINT_EVERY,
                        cores.get(0).checkpointed()));
                    syncs.set(0, new TaskSync(0, cores.get(0).models().models()));
                }
            }
            final int task = Math.floorMod(((String) STREAM.get(n)[1]).hashCode(), TASKS);
            predictions.addAll(CheckpointedTasks.step(cores.get(task), n));
        }
        return new Run(predictions, deltas);
    }
}
