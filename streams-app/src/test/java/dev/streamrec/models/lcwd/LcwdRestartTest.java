package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.models.Nd4jThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.Task;
import dev.streamrec.models.params.CheckpointReplay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drain/restore at arbitrary points (also inside a partly filled mini-batch) must not change a single bit. */
class LcwdRestartTest {
    private static final int EVENTS = 260;

    static LcwdConfig config(final String optimizer) {
        return new LcwdConfig(12, 6, List.of(16, 8), Activation.RELU, optimizer, 0.01f, 0.1, 1.0, 0.01, 1.0, 16,
            9L, 1.0, 3.5, 1.0, 5.0);
    }

    static List<Example> stream(final int count) {
        final SyntheticStream source = new SyntheticStream(1L, 30, 30, 6, 12, 0.3);
        final List<Example> events = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            events.add(source.next());
        }
        return events;
    }

    /** Prequential predictions of one uninterrupted model. */
    static long[] uninterrupted(final LcwdConfig config, final List<Example> events) {
        final LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        final long[] bits = new long[events.size()];
        for (int k = 0; k < events.size(); k++) {
            bits[k] = Double.doubleToRawLongBits(model.predict(events.get(k)));
            model.learn(events.get(k));
        }
        return bits;
    }

    @Test
    void shouldGiveBitIdenticalPredictionsWhenTheSameStreamRunsTwice() {
        final List<Example> events = stream(EVENTS);
        final long[] first = uninterrupted(config("adam"), events);
        final long[] second = uninterrupted(config("adam"), events);
        for (int k = 0; k < EVENTS; k++) {
            assertEquals(first[k], second[k], "prediction " + k);
        }
    }

    @Test
    void shouldNotDependOnTheNumberOfNd4jThreads() {
        final LcwdConfig base = config("adam");
        final LcwdConfig wide = new LcwdConfig(base.hashBits(), base.featureGroups(), List.of(64, 32),
            base.activation(), "adam", 0.01f, 0.1, 1.0, 0.01, 1.0, 128, 9L, 1.0, 3.5, 1.0, 5.0);
        final List<Example> events = stream(600);
        try {
            setThreads(2);
            final long[] twoThreads = uninterrupted(wide, events);
            setThreads(1);
            final long[] oneThread = uninterrupted(wide, events);
            for (int k = 0; k < events.size(); k++) {
                assertEquals(twoThreads[k], oneThread[k], "prediction " + k);
            }
        } finally {
            Nd4jThreads.limit(1);
        }
    }

    private static void setThreads(final int threads) {
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "adagrad", "sgd"})
    void shouldContinueBitIdenticallyAfterRestartsInsideMiniBatches(final String optimizer) {
        final LcwdConfig config = config(optimizer);
        final List<Example> events = stream(EVENTS);
        final long[] expected = uninterrupted(config, events);

        final MapSink store = new MapSink();
        LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        int restartsInsidePartialBatch = 0;
        for (int k = 0; k < EVENTS; k++) {
            if (k > 0 && k % 37 == 0) {
                final long versionBefore = model.version();
                final long parametersBefore = model.parameterCount();
                if (model.pendingSize(Task.CLICK) > 0 && model.pendingSize(Task.RATING) > 0) {
                    restartsInsidePartialBatch++;
                }
                model = new LcwdModel(config, SyntheticStream::linearWeight);
                store.restoreInto(model);
                assertEquals(versionBefore, model.version(), "version after restore at " + k);
                assertEquals(parametersBefore, model.parameterCount(), "parameter count after restore at " + k);
            }
            assertEquals(expected[k], Double.doubleToRawLongBits(model.predict(events.get(k))), "prediction " + k);
            model.learn(events.get(k));
            model.drainChanges(store);
        }
        assertTrue(restartsInsidePartialBatch >= 3, "restarts inside partly filled batches: "
            + restartsInsidePartialBatch);
    }

    @Test
    void shouldContinueBitIdenticallyWhenDrainedOnlyAtTheRestart() {
        final LcwdConfig config = config("adam");
        final List<Example> events = stream(EVENTS);
        final long[] expected = uninterrupted(config, events);
        final MapSink store = new MapSink();
        LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        for (int k = 0; k < EVENTS; k++) {
            if (k == 101 || k == 190) {
                model.drainChanges(store);
                model = new LcwdModel(config, SyntheticStream::linearWeight);
                store.restoreInto(model);
            }
            assertEquals(expected[k], Double.doubleToRawLongBits(model.predict(events.get(k))), "prediction " + k);
            model.learn(events.get(k));
        }
    }

    @Test
    void shouldPersistBufferedExamplesUntilTheirBatchTrains() {
        final LcwdConfig config = config("adam");
        final SyntheticStream source = new SyntheticStream(3L, 10, 10, 6, 12, 0.0);
        final LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        final MapSink store = new MapSink();
        for (int k = 0; k < config.batchSize() - 1; k++) {
            model.learn(source.next());
        }
        model.drainChanges(store);
        assertEquals(config.batchSize() - 1, pending(restored(config, store)));
        model.learn(source.next());
        model.drainChanges(store);
        final LcwdModel afterStep = restored(config, store);
        assertEquals(pending(model), pending(afterStep));
        assertEquals(model.tower(Task.CLICK).batchSteps(), afterStep.tower(Task.CLICK).batchSteps());
        assertEquals(model.tower(Task.RATING).batchSteps(), afterStep.tower(Task.RATING).batchSteps());
    }

    @Test
    void shouldContinueBitIdenticallyAfterRestoringCheckpointsTakenEveryRandomK() {
        for (final String optimizer : new String[] {"adam", "adagrad"}) {
            CheckpointReplay.assertBitIdentical(() -> new LcwdModel(config(optimizer), SyntheticStream::linearWeight),
                stream(1500), 120, 17);
        }
    }

    @Test
    void shouldContinueBitIdenticallyWithTheFactorizationTermAfterRestoringCheckpoints() {
        final LcwdConfig base = config("adam");
        final LcwdConfig factorized = new LcwdConfig(base.hashBits(), base.featureGroups(), base.hiddenSizes(),
            base.activation(), base.optimizer(), base.deepLearningRate(), base.ftrlAlpha(), base.ftrlBeta(),
            base.ftrlL1(), base.ftrlL2(), base.batchSize(), base.seed(), base.initScale(), base.ratingOffset(),
            base.ratingMin(), base.ratingMax(), 4, 0.05f, 0.1f, 0.001f, List.of(0), List.of(1, 2));
        final LcwdModel probe = new LcwdModel(factorized, SyntheticStream::linearWeight);
        stream(50).forEach(probe::learn);
        assertTrue(probe.parameterCount() > new LcwdModel(base, SyntheticStream::linearWeight).parameterCount()
            && ((FactorizedWide) probe.wide(dev.streamrec.features.Task.CLICK)).factorization().size() > 0,
            "the factorization term learned rows");
        CheckpointReplay.assertBitIdentical(() -> new LcwdModel(factorized, SyntheticStream::linearWeight),
            stream(1500), 120, 17);
    }

    private static LcwdModel restored(final LcwdConfig config, final MapSink store) {
        final LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        store.restoreInto(model);
        return model;
    }

    private static int pending(final LcwdModel model) {
        return model.pendingSize(Task.CLICK) + model.pendingSize(Task.RATING);
    }
}
