package dev.streamrec.learning.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.AdaGrad;
import org.junit.jupiter.api.Test;

class TaskSyncTest {

    @Test
    void shouldAddWhatTheOtherTaskLearnedToEveryKindOfPart() {
        final ToySharedModel a = new ToySharedModel();
        final ToySharedModel b = new ToySharedModel();
        final TaskSync syncA = new TaskSync(0, List.of(a));
        final TaskSync syncB = new TaskSync(1, List.of(b));
        a.stepDense(0, 1f);
        a.stepRow(4, 1f, 2f);
        a.stepFtrl(3, 0.5);
        b.stepDense(0, 2f);
        b.stepDense(2, -1f);
        b.stepRow(4, 0.5f, 0.5f);
        b.stepRow(8, 1f, -1f);
        b.stepFtrl(3, -0.25);
        b.stepFtrl(5, 1.0);
        final double zA = a.ftrl.z(3);
        final double nA = a.ftrl.n(3);
        final double zB = b.ftrl.z(3);
        final double nB = b.ftrl.n(3);

        final RoundDelta merged = RoundMerger.merge(List.of(syncA.extract(0), syncB.extract(0)), 2, 0);
        syncA.apply(merged);
        syncB.apply(merged);

        for (final ToySharedModel m : List.of(a, b)) {
            assertArrayEquals(new float[] {3f, 0f, -1f}, m.dense);
            // row 4 starts at (1, -1); SGD at 0.5: A steps by (-0.5, -1), B by (-0.25, -0.25)
            assertEquals(0.25f, m.row(4, 0));
            assertEquals(-2.25f, m.row(4, 1));
            // row 8 was created by B at (2, -2) and stepped by (-0.5, 0.5); A creates it from B's origin
            assertEquals(1.5f, m.row(8, 0));
            assertEquals(-1.5f, m.row(8, 1));
            assertEquals(zA + zB, m.ftrl.z(3), 1e-15);
            assertEquals(nA + nB, m.ftrl.n(3), 1e-15);
        }
        assertEquals(b.ftrl.z(5), a.ftrl.z(5));
        assertEquals(b.ftrl.n(5), a.ftrl.n(5));
        assertEquals(0, syncA.lastApplied());
    }

    @Test
    void shouldNotPublishAppliedAmountsAgain() {
        final ToySharedModel a = new ToySharedModel();
        final ToySharedModel b = new ToySharedModel();
        final TaskSync syncA = new TaskSync(0, List.of(a));
        final TaskSync syncB = new TaskSync(1, List.of(b));
        b.stepDense(1, 1f);
        b.stepRow(4, 1f, 1f);
        b.stepFtrl(7, 0.5);
        syncA.apply(RoundMerger.merge(List.of(syncA.extract(0), syncB.extract(0)), 2, 0));

        assertTrue(syncA.extract(1).parts().isEmpty(), "a task that learned nothing publishes nothing");
        a.stepRow(4, 2f, 0f);
        final RoundDelta next = syncA.extract(2);
        final PartDelta.Rows rows = (PartDelta.Rows) next.part("toy/rows");
        assertArrayEquals(new long[] {4}, rows.keys());
        assertArrayEquals(new float[] {-1f, 0f}, rows.delta(), "only A's own step of round 2");
        assertEquals(Map.of("toy/rows", rows), new TreeMap<>(next.parts()));
    }

    @Test
    void shouldLeaveASingleTaskBitIdenticalToOneWithoutSync() {
        final ToySharedModel synced = new ToySharedModel();
        final ToySharedModel alone = new ToySharedModel();
        final TaskSync sync = new TaskSync(0, List.of(synced));
        for (int round = 0; round < 5; round++) {
            for (final ToySharedModel m : List.of(synced, alone)) {
                m.stepDense(round % 3, 0.1f * round);
                m.stepRow(round % 2, 0.3f, -0.7f * round);
                m.stepFtrl(round, 0.37 * round - 0.5);
            }
            sync.apply(RoundMerger.merge(List.of(sync.extract(round)), 1, round));
        }
        assertArrayEquals(alone.dense, synced.dense);
        assertArrayEquals(alone.rows.values(), synced.rows.values());
        for (int i = 0; i < alone.ftrl.dimension(); i++) {
            assertEquals(Double.doubleToRawLongBits(alone.ftrl.z(i)), Double.doubleToRawLongBits(synced.ftrl.z(i)));
            assertEquals(Double.doubleToRawLongBits(alone.ftrl.n(i)), Double.doubleToRawLongBits(synced.ftrl.n(i)));
        }
    }

    @Test
    void shouldSyncDenseTensorsOnlyInEveryKthRoundWithTheStepsSinceTheLastOne() {
        final ToySharedModel a = new ToySharedModel();
        final ToySharedModel b = new ToySharedModel();
        final TaskSync syncA = new TaskSync(0, List.of(a), 3);
        final TaskSync syncB = new TaskSync(1, List.of(b), 3);
        for (long round = 0; round < 3; round++) {
            a.stepDense(0, 1f);
            b.stepDense(1, 2f);
            a.stepRow(4, 1f, 0f);
            final RoundDelta merged = RoundMerger.merge(List.of(syncA.extract(round), syncB.extract(round)), 2,
                round);
            assertEquals(round == 2, merged.part("toy/dense") != null, "dense part in round " + round);
            assertTrue(merged.part("toy/rows") != null, "rows every round");
            syncA.apply(merged);
            syncB.apply(merged);
            if (round < 2) {
                assertArrayEquals(new float[] {round + 1f, 0f, 0f}, a.dense, "B's steps not yet in A");
            }
        }
        for (final ToySharedModel m : List.of(a, b)) {
            assertArrayEquals(new float[] {3f, 6f, 0f}, m.dense, "three rounds of both tasks' steps, once");
            assertEquals(a.row(4, 0), m.row(4, 0));
        }
        assertThrows(IllegalArgumentException.class, () -> new TaskSync(0, List.of(a), 0));
    }

    @Test
    void shouldApplyAStaleRoundWhileKeepingTheLaterOwnLearning() {
        final ToySharedModel a = new ToySharedModel();
        final ToySharedModel b = new ToySharedModel();
        final TaskSync syncA = new TaskSync(0, List.of(a));
        final TaskSync syncB = new TaskSync(1, List.of(b));
        a.stepDense(0, 1f);
        b.stepDense(0, 4f);
        final RoundDelta round0 = RoundMerger.merge(List.of(syncA.extract(0), syncB.extract(0)), 2, 0);
        a.stepDense(0, 16f); // round 1, before merged round 0 is applied (staleness 2)
        syncA.extract(1);
        syncA.apply(round0);
        assertEquals(21f, a.dense[0]);
        assertThrows(IllegalStateException.class, () -> syncA.apply(round0));
    }

    @Test
    void shouldMergeIntoARowTheTaskCreatedAfterItsLastDelta() {
        final ToySharedModel a = new ToySharedModel();
        final ToySharedModel b = new ToySharedModel();
        final TaskSync syncA = new TaskSync(0, List.of(a));
        final TaskSync syncB = new TaskSync(1, List.of(b));
        b.stepRow(8, 1f, -1f); // B creates row 8 at (2, -2) in round 0 and steps it to (1.5, -1.5)
        final RoundDelta round0 = RoundMerger.merge(List.of(syncA.extract(0), syncB.extract(0)), 2, 0);
        a.stepRow(8, 2f, 0f); // A creates it in round 1 and steps it to (1, -2), before round 0 is applied
        syncA.apply(round0);
        assertEquals(0.5f, a.row(8, 0));
        assertEquals(-1.5f, a.row(8, 1));

        final PartDelta.Rows own = (PartDelta.Rows) syncA.extract(1).part("toy/rows");
        assertArrayEquals(new float[] {-1f, 0f}, own.delta(), "A's own step, without what it applied");
        assertArrayEquals(new boolean[] {true}, own.created());
        assertArrayEquals(new float[] {2f, -2f}, own.origin());
    }

    @Test
    void shouldSumAdaGradAccumulatorsLikeTheValues() {
        final ToySharedModel a = new ToySharedModel(new AdaGrad(0.1f, 0.1f, 1e-8f));
        final ToySharedModel b = new ToySharedModel(new AdaGrad(0.1f, 0.1f, 1e-8f));
        final TaskSync syncA = new TaskSync(0, List.of(a));
        final TaskSync syncB = new TaskSync(1, List.of(b));
        a.stepRow(4, 1f, 2f);
        b.stepRow(4, 3f, 0f);
        b.stepRow(8, 0.5f, 0.5f);
        final float stepA = a.row(4, 0) - 1f;
        final float stepB = b.row(4, 0) - 1f;
        syncA.apply(RoundMerger.merge(List.of(syncA.extract(0), syncB.extract(0)), 2, 0));

        final int slot = a.rows.slot(4);
        assertEquals(0.1f + 1f + 9f, a.rows.slotValue(0, slot, 0), 1e-6f);
        assertEquals(0.1f + 4f, a.rows.slotValue(0, slot, 1), 1e-6f);
        assertEquals(1f + stepA + stepB, a.row(4, 0), 1e-6f);
        assertEquals(b.rows.slotValue(0, b.rows.slot(8), 0), a.rows.slotValue(0, a.rows.slot(8), 0),
            "a row A lacked gets B's accumulator");
        assertEquals(b.row(8, 1), a.row(8, 1));
    }

    @Test
    void shouldRejectAMergedRoundWithAPartTheModelsDoNotShare() {
        final TaskSync sync = new TaskSync(0, List.of(new ToySharedModel()));
        final RoundDelta foreign = new RoundDelta(RoundDelta.MERGED, 0,
            new TreeMap<>(Map.of("lr/click", new PartDelta.Dense(new float[1]))));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sync.apply(foreign));
        assertTrue(e.getMessage().contains("lr/click"), e.getMessage());
    }

    @Test
    void shouldLeaveTaskLocalPartsToTheirTask() {
        final ToySharedModel model = new ToySharedModel();
        model.state.register("history", Persisted.taskLocal(new SparseRowTable(3, new AdaGrad(0.1f, 0.1f, 1e-8f))));
        assertEquals(java.util.Set.of("toy/ftrl", "toy/rows", "toy/dense"), new TaskSync(0, List.of(model)).partNames());
    }

    @Test
    void shouldShareDeepMixsItemHistoriesButNotItsUserHistoriesOrAudiences() {
        final List<dev.streamrec.models.OnlineModel> models = new dev.streamrec.learning.ModelFactory(List.of("deepmix"),
            Map.of(), dev.streamrec.features.FeatureConfig.defaults(), dev.streamrec.events.ValidationConfig.defaults())
            .get();
        final java.util.Set<String> shared = new TaskSync(0, models).partNames();
        assertTrue(shared.contains("deepmix/factor.click"), "shared: " + shared);
        // an item's users are spread over every task; a user's items are all in the user's own task
        assertTrue(shared.contains("deepmix/factor.item.history"), "shared: " + shared);
        assertTrue(!shared.contains("deepmix/factor.history") && !shared.contains("deepmix/genre.audience"),
            "shared: " + shared);
    }
}
