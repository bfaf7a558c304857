package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.params.SparseRowTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LcwdModelTest {

    private static LcwdConfig config() {
        return new LcwdConfig(12, 6, List.of(16, 8), Activation.TANH, "adam", 0.01f, 0.1, 1.0, 0.0, 1.0, 8, 3L, 1.0,
            3.5, 1.0, 5.0);
    }

    @Test
    void shouldBeNamedLcwd() {
        assertEquals("lcwd", new LcwdModel(config(), (t, i) -> 0.0).name());
    }

    @Test
    void shouldWarmStartM1FromTheLinearModelBeforeLearning() {
        final LcwdModel model = new LcwdModel(config(), SyntheticStream::linearWeight);
        final Example e = new SyntheticStream(2L, 5, 5, 6, 12, 0.0).next();
        final double before = model.predict(e);
        model.learn(e);
        final SparseRowTable m1 = model.tower(Task.CLICK).m1();
        for (int j = 0; j < e.categorical().size(); j++) {
            final int index = e.categorical().index(j);
            assertEquals((float) SyntheticStream.linearWeight(Task.CLICK, index), m1.values()[m1.slot(index)]);
        }
        assertTrue(model.tower(Task.RATING).m1().size() == 0, "the other task's tower is untouched");
        assertTrue(before > 0.0 && before < 1.0);
    }

    @Test
    void shouldNotChangeAnyStateWhenPredicting() {
        final LcwdModel model = new LcwdModel(config(), SyntheticStream::linearWeight);
        final SyntheticStream source = new SyntheticStream(4L, 20, 20, 6, 12, 0.5);
        for (int k = 0; k < 20; k++) {
            model.learn(source.next());
        }
        model.drainChanges(new MapSink());
        final long parameters = model.parameterCount();
        final Example unseen = source.next();
        final double first = model.predict(unseen);
        assertEquals(first, model.predict(unseen), 0.0);
        assertEquals(parameters, model.parameterCount());
        assertEquals(20, model.version());
        final MapSink changes = new MapSink();
        model.drainChanges(changes);
        assertTrue(changes.entries.isEmpty(), "predict leaves nothing to persist");
    }

    @Test
    void shouldScoreTheSameInThePerEventAndTheMiniBatchPass() {
        for (final Task task : Task.values()) {
            final LcDnnTower tower = new LcDnnTower(task, config(), SyntheticStream::linearWeight, 8L);
            final SyntheticStream source = new SyntheticStream(6L, 20, 20, 6, 12, task == Task.RATING ? 1.0 : 0.0);
            final Example[] batch = new Example[5];
            final double[] extra = new double[batch.length];
            double meanLoss = 0.0;
            for (int b = 0; b < batch.length; b++) {
                batch[b] = source.next();
                tower.touch(batch[b].categorical());
                extra[b] = 0.25 * b;
                meanLoss += Head.of(task).loss(extra[b] + tower.deepOutput(batch[b].categorical()), batch[b].label());
            }
            meanLoss /= batch.length;
            tower.computeType(DataType.DOUBLE);
            assertEquals(meanLoss, tower.gradients(batch, batch.length, extra).loss(), 1e-12, task + " double");
            tower.computeType(DataType.FLOAT);
            assertEquals(meanLoss, tower.gradients(batch, batch.length, extra).loss(), 1e-5, task + " float");
        }
    }

    @Test
    void shouldCountTouchedSparseEntriesAndDenseSizes() {
        final LcwdModel model = new LcwdModel(config(), SyntheticStream::linearWeight);
        final long dense = (6 * 16 + 16) + (16 * 8 + 8) + (8 + 1);
        assertEquals(2 * dense, model.parameterCount(), "two towers, nothing touched yet");
        final SyntheticStream source = new SyntheticStream(4L, 20, 20, 6, 12, 0.5);
        for (int k = 0; k < 50; k++) {
            model.learn(source.next());
        }
        long sparse = 0;
        for (final Task task : Task.values()) {
            sparse += model.tower(task).m1().size() + model.wide(task).size();
            assertEquals(model.tower(task).m1().size(), model.wide(task).size(), "wide and M1 see the same features");
        }
        assertTrue(sparse > 0);
        assertEquals(2 * dense + sparse, model.parameterCount());
    }

    @Test
    void shouldClampRatingPredictionsButTrainOnTheRawScore() {
        final LcwdModel model = new LcwdModel(config(), (t, i) -> 0.0);
        final SparseFeatures x = new SparseFeatures(1);
        x.add(5, 1f, 0);
        final Example high = new Example(Task.RATING, 5.0, "u", "i", 0L, x, new SparseFeatures(1));
        for (int k = 0; k < 400; k++) {
            model.learn(high);
        }
        assertTrue(model.score(Task.RATING, x) > 4.5, "raw score " + model.score(Task.RATING, x));
        assertTrue(model.predict(high) <= 5.0);
    }

    @Test
    void shouldRejectFeaturesOutsideTheConfiguredSpace() {
        final LcwdModel model = new LcwdModel(config(), (t, i) -> 0.0);
        final SparseFeatures badGroup = new SparseFeatures(1);
        badGroup.add(1, 1f, 6);
        final SparseFeatures badIndex = new SparseFeatures(1);
        badIndex.add(1 << 12, 1f, 0);
        final SparseFeatures badValue = new SparseFeatures(1);
        badValue.add(1, Float.NaN, 0);
        for (final SparseFeatures x : List.of(badGroup, badIndex, badValue)) {
            final Example e = new Example(Task.CLICK, 1.0, "u7", "i9", 5L, x, new SparseFeatures(1));
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.learn(e));
            assertTrue(error.getMessage().contains("u7"), error.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.predict(e));
        }
        final SparseFeatures ok = new SparseFeatures(1);
        ok.add(1, 1f, 0);
        assertThrows(IllegalArgumentException.class,
            () -> model.learn(new Example(Task.CLICK, 2.0, "u", "i", 0L, ok, new SparseFeatures(1))));
        assertThrows(IllegalArgumentException.class,
            () -> model.learn(new Example(Task.RATING, Double.NaN, "u", "i", 0L, ok, new SparseFeatures(1))));
        assertEquals(0, model.version());
    }
}
