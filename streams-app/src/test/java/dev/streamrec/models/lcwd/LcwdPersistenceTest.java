package dev.streamrec.models.lcwd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every persisted format round-trips, the golden state of format version 1 keeps restoring, bad input fails. */
class LcwdPersistenceTest {

    @Test
    void shouldRoundTripCounters() {
        for (final long value : new long[] {0L, 1L, 255L, Long.MAX_VALUE, -1L}) {
            assertEquals(value, LcwdStateCodec.decodeLong(LcwdStateCodec.encodeLong(value)));
        }
    }

    @Test
    void shouldRoundTripM1RowsWithAnyNumberOfOptimizerSlots() {
        for (final float[] state : new float[][] {{}, {0.25f}, {-1.5e-7f, 3.0e5f}}) {
            final LcwdStateCodec.M1Row row = new LcwdStateCodec.M1Row(-0.125f, 17L, state);
            final LcwdStateCodec.M1Row back = LcwdStateCodec.decodeM1Row(LcwdStateCodec.encodeM1Row(row));
            assertEquals(row.value(), back.value());
            assertEquals(row.steps(), back.steps());
            assertArrayEquals(row.state(), back.state());
        }
    }

    @Test
    void shouldRoundTripDenseTensors() {
        final float[] values = {1f, -2f, 3.5f, Float.MIN_VALUE, -0f, 1e30f};
        for (final int slots : new int[] {0, 1, 2}) {
            final float[][] state = new float[slots][values.length];
            for (int s = 0; s < slots; s++) {
                for (int k = 0; k < values.length; k++) {
                    state[s][k] = s * 10 + k * 0.5f;
                }
            }
            final LcwdStateCodec.DenseTensor tensor = new LcwdStateCodec.DenseTensor(2, 3, values, state);
            final LcwdStateCodec.DenseTensor back = LcwdStateCodec.decodeDense(LcwdStateCodec.encodeDense(tensor));
            assertEquals(2, back.rows());
            assertEquals(3, back.cols());
            assertArrayEquals(values, back.values());
            assertEquals(slots, back.state().length);
            for (int s = 0; s < slots; s++) {
                assertArrayEquals(state[s], back.state()[s]);
            }
        }
    }

    @Test
    void shouldRoundTripPendingExamples() {
        final SparseFeatures x = new SparseFeatures(3);
        x.add(7, 1f, 0);
        x.add(1023, 0.5f, 3);
        final SparseFeatures numeric = new SparseFeatures(2);
        numeric.add(2, 42.5f, 2);
        final Example example = new Example(Task.RATING, 4.5, "user-ü", "item-7", 1_700_000_000_123L, x, numeric);
        assertEquals(example, LcwdStateCodec.decodeExample(LcwdStateCodec.encodeExample(example)));
    }

    @Test
    void shouldRoundTripFtrlWideEntries() {
        final FtrlWide wide = new FtrlWide(GoldenState.config());
        final SparseFeatures x = new SparseFeatures(2);
        x.add(3, 1f, 0);
        x.add(900, 2f, 1);
        wide.update(x, 0.7);
        wide.update(x, -0.2);
        final MapSink store = new MapSink();
        wide.drainChanges(store);
        assertEquals(2, store.entries.size());
        final FtrlWide restored = new FtrlWide(GoldenState.config());
        store.entries.forEach(restored::restore);
        assertEquals(wide.weight(3), restored.weight(3), 0.0);
        assertEquals(wide.weight(900), restored.weight(900), 0.0);
        assertEquals(wide.size(), restored.size());
        wide.update(x, 0.3);
        restored.update(x, 0.3);
        assertEquals(wide.dot(x), restored.dot(x), 0.0);
    }

    @Test
    void shouldRestoreEveryDrainedEntryIntoAnEquivalentModel() {
        final GoldenState state = GoldenState.generate();
        final LcwdModel model = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
        state.entries().forEach(model::restore);
        final MapSink redrained = new MapSink();
        model.drainChanges(redrained);
        assertTrue(redrained.entries.isEmpty(), "restored state is clean: nothing to drain");
        final List<Example> probes = GoldenState.probes();
        for (int k = 0; k < probes.size(); k++) {
            assertEquals(state.probePredictions()[k], model.predict(probes.get(k)), 0.0, "probe " + k);
        }
        assertTrue(model.pendingSize(Task.CLICK) > 0 && model.pendingSize(Task.RATING) > 0, "pending restored");
        assertTrue(model.tower(Task.CLICK).batchSteps() > 0, "the state includes trained batches");
    }

    @Test
    void shouldRestoreTheGoldenStateOfFormatVersion1() throws IOException {
        final GoldenState golden;
        try (InputStream in = getClass().getResourceAsStream("/lcwd/golden-state-v1.bin")) {
            assertNotNull(in, "golden file on the test classpath");
            golden = GoldenState.read(in);
        }
        final LcwdModel model = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
        golden.entries().forEach(model::restore);
        assertEquals(GoldenState.EVENTS, model.version());
        final List<Example> probes = GoldenState.probes();
        for (int k = 0; k < probes.size(); k++) {
            // predict is plain Java over restored values: equal up to platform differences of Math.exp/tanh
            assertEquals(golden.probePredictions()[k], model.predict(probes.get(k)), 1e-12, "probe " + k);
        }
        // the restored pending examples complete their mini-batches
        final SyntheticStream more = new SyntheticStream(5L, 12, 12, 4, 10, 0.3);
        final long stepsBefore = model.tower(Task.CLICK).batchSteps();
        for (int k = 0; k < 2 * GoldenState.config().batchSize(); k++) {
            model.learn(more.next());
        }
        assertTrue(model.tower(Task.CLICK).batchSteps() > stepsBefore);
    }

    @Test
    void shouldRejectUnknownFormatVersionsNamingBothVersions() {
        final GoldenState state = GoldenState.generate();
        int kinds = 0;
        for (final Map.Entry<byte[], byte[]> e : state.entries().entrySet()) {
            final byte[] value = e.getValue().clone();
            value[0] = 9;
            final LcwdModel fresh = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(e.getKey(), value), "key kind " + e.getKey()[0]);
            assertTrue(error.getMessage().contains("version 9") && error.getMessage().contains("version 1"),
                error.getMessage());
            kinds |= 1 << e.getKey()[0];
        }
        assertEquals(0b1111110, kinds, "every key kind was exercised");
    }

    @Test
    void shouldRejectUnknownKeyKindsAndTruncatedValues() {
        final LcwdModel model = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
        assertThrows(IllegalArgumentException.class, () -> model.restore(new byte[] {42}, new byte[] {1}));
        assertThrows(IllegalArgumentException.class,
            () -> model.restore(LcwdStateCodec.versionKey(), new byte[] {1, 0, 0}));
        assertThrows(IllegalArgumentException.class,
            () -> model.restore(LcwdStateCodec.m1Key(Task.CLICK, 3), new byte[] {1, 0}));
    }

    @Test
    void shouldRejectStateWrittenWithAnotherOptimizer() {
        final GoldenState adamState = GoldenState.generate();
        final LcwdConfig base = GoldenState.config();
        final LcwdConfig adagrad = new LcwdConfig(base.hashBits(), base.featureGroups(), base.hiddenSizes(),
            base.activation(), "adagrad", base.deepLearningRate(), base.ftrlAlpha(), base.ftrlBeta(), base.ftrlL1(),
            base.ftrlL2(), base.batchSize(), base.seed(), base.initScale(), base.ratingOffset(), base.ratingMin(),
            base.ratingMax());
        final LcwdModel model = new LcwdModel(adagrad, SyntheticStream::linearWeight);
        assertThrows(IllegalStateException.class, () -> adamState.entries().forEach(model::restore));
    }
}
