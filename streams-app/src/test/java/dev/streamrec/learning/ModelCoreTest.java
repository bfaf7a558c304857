package dev.streamrec.learning;

import static dev.streamrec.learning.CheckpointedTasks.EVENTS;
import static dev.streamrec.learning.CheckpointedTasks.MODELS;
import static dev.streamrec.learning.CheckpointedTasks.STREAM;
import static dev.streamrec.learning.CheckpointedTasks.core;
import static dev.streamrec.learning.CheckpointedTasks.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.features.Example;
import dev.streamrec.learning.CheckpointedTasks.Stores;
import dev.streamrec.schema.Prediction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A task's state is its last checkpoint plus the examples journalled after it: models restored from what the
 * checkpoints drained, with the journal replayed, score every later event bit for bit as the uninterrupted models.
 */
class ModelCoreTest {
    @ParameterizedTest(name = "checkpoint every {0}, restart after {1} events")
    @CsvSource({"1, 400", "7, 0", "7, 513", "64, 700", "100000, 450"})
    void restoresACheckpointAndReplaysTheJournalBitIdentically(final int checkpointEvery, final int cut) {
        final List<Prediction> uninterrupted = run(core(new Stores(), checkpointEvery), 0, STREAM.size());

        final Stores stores = new Stores();
        final ModelCore before = core(stores, checkpointEvery);
        final List<Prediction> predictions = new ArrayList<>(run(before, 0, cut));
        final long checkpointed = before.checkpointed();
        // A restart: fresh models from the stores, then the journal after the checkpoint learned again.
        final ModelCore after = CheckpointedTasks.restarted(stores, checkpointEvery, checkpointed);
        for (final Example logged : stores.journal.subList((int) checkpointed, stores.journal.size())) {
            after.replay(logged);
        }
        assertEquals(before.sequence(), after.sequence());
        predictions.addAll(run(after, cut, STREAM.size()));

        assertEquals(uninterrupted.size(), predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            assertEquals(uninterrupted.get(i), predictions.get(i), "prediction " + i);
        }
        assertTrue(uninterrupted.size() > 2 * EVENTS, "every model scored every event");
    }

    /** Live queries wait for one model's drain only: each model is reported drained before the next one drains. */
    @org.junit.jupiter.api.Test
    void checkpointTellsEachModelAsSoonAsItIsDrained() {
        final Stores stores = new Stores();
        final ModelCore core = core(stores, 100000);
        run(core, 0, 50);
        final List<Integer> drained = new ArrayList<>();
        core.checkpoint(model -> {
            assertEquals(drained.size(), model, "models are drained in order");
            assertTrue(!stores.models.get(model).isEmpty(), "model " + model + " drained before it was reported");
            for (int later = model + 1; later < MODELS.size(); later++) {
                assertTrue(stores.models.get(later).isEmpty(),
                    "model " + later + " drained before " + model + " was reported");
            }
            drained.add(model);
        });
        assertEquals(List.of(0, 1, 2), drained);
        assertEquals(core.sequence(), core.checkpointed());
    }
}
