package dev.streamrec.models.lcwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.Task;
import dev.streamrec.models.nn.Activation;
import dev.streamrec.models.params.StateCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The persisted state restores exactly, the golden state of format version 2 keeps restoring, bad input fails. */
class LcwdPersistenceTest {

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
    void shouldRestoreTheGoldenStateOfFormatVersion2() throws IOException {
        final GoldenState golden;
        try (InputStream in = getClass().getResourceAsStream("/lcwd/golden-state-v2.bin")) {
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
        final Set<String> parts = new TreeSet<>();
        for (final Map.Entry<byte[], byte[]> e : state.entries().entrySet()) {
            final byte[] value = e.getValue().clone();
            value[0] = 9;
            final LcwdModel fresh = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
            final String part = StateCodec.readKey(e.getKey()).part();
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fresh.restore(e.getKey(), value), part);
            assertTrue(error.getMessage().contains("version 9") && error.getMessage().contains("version 2"),
                error.getMessage());
            parts.add(part.substring(part.indexOf('.') + 1).replaceAll("dense[0-9]+", "dense"));
        }
        assertEquals(Set.of("meta", "m1", "dense.weight", "dense.bias", "wide", "pending"), parts,
            "every kind of part was exercised");
    }

    @Test
    void shouldRejectUnknownPartsAndTruncatedValues() {
        final LcwdModel model = new LcwdModel(GoldenState.config(), SyntheticStream::linearWeight);
        assertThrows(IllegalArgumentException.class,
            () -> model.restore(StateCodec.key("click.m9", 0), StateCodec.bytes(out -> { })));
        assertThrows(IllegalArgumentException.class,
            () -> model.restore(StateCodec.key("meta", 0), new byte[] {StateCodec.FORMAT_VERSION, 0, 0}));
        assertThrows(IllegalArgumentException.class,
            () -> model.restore(new byte[] {1, 0}, StateCodec.bytes(out -> { })));
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
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> adamState.entries().forEach(model::restore));
        assertTrue(error.getMessage().contains("optimiser slots"), error.getMessage());
    }

    @Test
    void shouldKeepEveryValueOfAModelWithLargeDenseLayersUnderTheBlockLimit() {
        // M2 is 16 x 512 and the second layer 512 x 256: 131,072 weights with two Adam moments, 1.5 MB
        final LcwdConfig config = new LcwdConfig(12, 16, List.of(512, 256), Activation.RELU, "adam", 0.01f, 0.1, 1.0,
            0.01, 1.0, 8, 3L, 1.0, 3.5, 1.0, 5.0);
        final LcwdModel model = new LcwdModel(config, SyntheticStream::linearWeight);
        final SyntheticStream source = new SyntheticStream(8L, 20, 20, 16, 12, 0.3);
        final MapSink store = new MapSink();
        for (int k = 0; k < 3 * config.batchSize() + 3; k++) {
            model.learn(source.next());
        }
        model.drainChanges(store);
        final int largest = store.entries.values().stream().mapToInt(v -> v.length).max().orElseThrow();
        assertTrue(largest <= StateCodec.MAX_VALUE_BYTES, "largest value " + largest);
        final long chunks = store.entries.keySet().stream()
            .filter(k -> StateCodec.readKey(k).part().equals("click.dense1.weight")).count();
        assertTrue(chunks > 1, "the 512 x 256 layer is cut into " + chunks + " chunks");
        final LcwdModel restored = new LcwdModel(config, SyntheticStream::linearWeight);
        store.restoreInto(restored);
        final Example next = source.next();
        assertEquals(Double.doubleToRawLongBits(model.predict(next)),
            Double.doubleToRawLongBits(restored.predict(next)));
    }
}
