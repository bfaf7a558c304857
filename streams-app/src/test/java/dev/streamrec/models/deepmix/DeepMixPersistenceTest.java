package dev.streamrec.models.deepmix;

import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.params.CheckpointReplay;
import dev.streamrec.models.params.StateCodec;
import dev.streamrec.features.Example;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepMixPersistenceTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    private static final DeepMixConfig CONFIG = SyntheticStream.smallConfig();

    /** Learns events and (every 5th event) items, draining after each step. */
    static void learn(final DeepMixModel model, final List<Example> events, final int from, final int to,
                      final MapSink sink, final double[] predictions) {
        for (int t = from; t < to; t++) {
            final Example e = events.get(t);
            if (predictions != null) {
                predictions[t] = model.predict(e);
            }
            model.learn(e);
            if (t % 5 == 0) {
                final ItemExample item = SyntheticStream.item(t % SyntheticStream.ITEMS);
                if (predictions != null) {
                    predictions[t] += model.predictGenres(item)[1];
                }
                model.learnItem(item);
            }
            if (sink != null) {
                model.drainChanges(sink);
            }
        }
    }

    /** Every entry of the two models' full persisted state is the same, byte for byte. */
    private static void assertSameState(final DeepMixModel expected, final DeepMixModel actual) {
        final MapSink a = new MapSink();
        final MapSink b = new MapSink();
        expected.snapshot(a);
        actual.snapshot(b);
        assertEquals(a.entries.keySet(), b.entries.keySet());
        a.entries.forEach((k, v) -> assertArrayEquals(v, b.entries.get(k), k));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adagrad", "sgd"})
    void shouldContinueBitIdenticallyAfterARestartInTheMiddleOfABatch(final String optimizer) {
        final DeepMixConfig config = CONFIG.with("deepmix.optimizer", optimizer);
        final List<Example> events = new SyntheticStream(21).next(400, 0.4);
        final double[] uninterrupted = new double[events.size()];
        learn(new DeepMixModel(config), events, 0, events.size(), null, uninterrupted);

        final MapSink store = new MapSink();
        final DeepMixModel first = new DeepMixModel(config);
        final double[] restarted = new double[events.size()];
        final int stop = 3 * config.batchSize() + 13;
        learn(first, events, 0, stop, store, restarted);
        final DeepMixModel second = new DeepMixModel(config);
        store.restoreInto(second, 7);
        assertTrue(second.pending().size() > 0, "pending events stored");
        assertEquals(first.version(), second.version());
        assertEquals(first.parameterCount(), second.parameterCount());
        assertSameState(first, second);
        learn(second, events, stop, events.size(), store, restarted);
        for (int t = 0; t < events.size(); t++) {
            assertEquals(Double.doubleToRawLongBits(uninterrupted[t]), Double.doubleToRawLongBits(restarted[t]),
                "prediction " + t);
        }
    }

    @Test
    void shouldRoundTripEveryEntryKindThroughAFreshModel() {
        final List<Example> events = new SyntheticStream(22).next(150, 0.5);
        final MapSink store = new MapSink();
        final DeepMixModel model = new DeepMixModel(CONFIG);
        learn(model, events, 0, events.size(), store, null);
        final DeepMixModel restored = new DeepMixModel(CONFIG);
        store.restoreInto(restored, 3);
        final MapSink again = new MapSink();
        final List<Example> more = new SyntheticStream(23).next(80, 0.5);
        learn(model, more, 0, more.size(), store, null);
        learn(restored, more, 0, more.size(), again, null);
        for (final var e : again.entries.entrySet()) {
            assertArrayEquals(store.entries.get(e.getKey()), e.getValue(), "entry " + e.getKey());
        }
        final Example probe = more.get(0);
        assertEquals(model.predict(probe), restored.predict(probe));
        assertArrayEquals(model.predictGenres(SyntheticStream.item(3)), restored.predictGenres(SyntheticStream.item(3)));
        final ItemExample item = SyntheticStream.item(5);
        final ItemExample copy = new ItemExample(item.itemId(), item.labels(), item.attributes().copy(),
            item.titleTokens());
        assertEquals(item, copy);
    }

    @Test
    void shouldRoundTripIdsFarLongerThanWriteUtfHolds() {
        // 40,000 Cyrillic chars are 80,000 UTF-8 bytes, and the emoji ids 4 bytes a code point: writeUTF fails.
        final String longUser = "ж".repeat(40_000);
        final String longItem = "\uD83C\uDFAC".repeat(20_000) + "é";
        final List<Example> events = new java.util.ArrayList<>();
        for (final Example e : new SyntheticStream(5).next(CONFIG.batchSize() + 7, 0.4)) {
            events.add(new Example(e.task(), e.label(), longUser + e.userId(), longItem + e.itemId(), e.eventTime(),
                e.categorical(), e.numeric()));
        }
        final DeepMixModel first = new DeepMixModel(CONFIG);
        final MapSink store = new MapSink();
        for (final Example e : events) {
            first.predict(e);
            first.learn(e);
            final ItemExample item = SyntheticStream.item(3);
            first.learnItem(new ItemExample(longItem + item.itemId(), item.labels(), item.attributes(),
                item.titleTokens()));
            first.drainChanges(store);
        }
        final DeepMixModel second = new DeepMixModel(CONFIG);
        store.restoreInto(second, 11);
        assertSameState(first, second);
        final Example next = events.get(0);
        assertEquals(Double.doubleToRawLongBits(first.predict(next)), Double.doubleToRawLongBits(second.predict(next)));
    }

    @Test
    void shouldStoreAnEmptyPendingBatchOnceItTrained() {
        final MapSink store = new MapSink();
        final DeepMixModel model = new DeepMixModel(CONFIG);
        learn(model, new SyntheticStream(24).next(CONFIG.batchSize() - 1, 0.5), 0, CONFIG.batchSize() - 1, store,
            null);
        final DeepMixModel before = new DeepMixModel(CONFIG);
        store.restoreInto(before, 1);
        assertEquals(CONFIG.batchSize() - 1, before.pending().size());
        learn(model, new SyntheticStream(25).next(1, 0.5), 0, 1, store, null);
        final DeepMixModel after = new DeepMixModel(CONFIG);
        store.restoreInto(after, 1);
        assertEquals(0, after.pending().size(), "no pending events left");
        assertSameState(model, after);
    }

    @Test
    void shouldContinueBitIdenticallyAfterRestoringCheckpointsTakenEveryRandomK() {
        CheckpointReplay.assertBitIdentical(() -> new DeepMixModel(CONFIG), new SyntheticStream(26).next(700, 0.4),
            90, 13);
    }

    @Test
    void shouldContinueBitIdenticallyWithTheImplicitUserHistoryAfterCheckpoints() {
        final DeepMixConfig config = CONFIG.with("deepmix.factor.history", "6", "deepmix.factor.item.history", "5");
        CheckpointReplay.assertBitIdentical(() -> new DeepMixModel(config), new SyntheticStream(27).next(700, 0.4),
            90, 13);
        final MapSink with = new MapSink();
        final MapSink without = new MapSink();
        final DeepMixModel model = new DeepMixModel(config);
        final DeepMixModel plain = new DeepMixModel(CONFIG.with("deepmix.factor.history", "0",
            "deepmix.factor.item.history", "0"));
        learn(model, new SyntheticStream(28).next(200, 0.4), 0, 200, null, null);
        learn(plain, new SyntheticStream(28).next(200, 0.4), 0, 200, null, null);
        model.snapshot(with);
        plain.snapshot(without);
        assertTrue(with.entries.size() > without.entries.size(), "the histories are persisted entries");
    }

    @Test
    void shouldKeepEveryEntryOfTheDefaultModelFarBelowAKafkaRecordLimit() {
        final DeepMixConfig config = DeepMixConfig.defaults().with("deepmix.numeric.groups", "2");
        final DeepMixModel model = new DeepMixModel(config);
        final MapSink store = new MapSink();
        for (final Example e : SyntheticExamples.stream(config.batchSize() + 3, config, 5)) {
            model.learn(e);
            model.drainChanges(store);
        }
        final int largest = store.entries.values().stream().mapToInt(v -> v.length).max().orElseThrow();
        assertTrue(largest <= StateCodec.MAX_VALUE_BYTES, "largest entry " + largest + " bytes");
        assertTrue(store.entries.size() > 10, "the default trunk is cut into chunks: " + store.entries.size());
        final DeepMixModel restored = new DeepMixModel(config);
        store.restoreInto(restored, 1);
        assertSameState(model, restored);
    }

    @Test
    void shouldCountTouchedEmbeddingRowsDenseParametersAndFirstOrderWeights() {
        final DeepMixModel model = new DeepMixModel(CONFIG);
        final long dense = model.trunk().params().effectiveSize() + model.genre().network().params().effectiveSize();
        assertEquals(dense, model.parameterCount());
        learn(model, new SyntheticStream(25).next(CONFIG.batchSize(), 0.5), 0, CONFIG.batchSize(), null, null);
        assertEquals(dense + (long) model.tables().rowCount() * CONFIG.embeddingDim() + model.wide().size()
            + model.factors().size(), model.parameterCount());
        assertTrue(model.factors().size() > 0, "the factorization part stored some rows");
        assertTrue(model.tables().rowCount() > 0);
        assertTrue(model.wide().size() > 0, "the first-order part learned some coordinates");
    }

    @Test
    void shouldRejectAnUnknownFormatVersionNamingBothVersions() {
        final DeepMixModel model = new DeepMixModel(CONFIG);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> model.restore(StateCodec.key("meta", 0), new byte[] {9, 0}));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void shouldLoadTheGoldenStateOfFormatVersion2() throws IOException {
        try (InputStream raw = getClass().getResourceAsStream("/deepmix/state-v2.bin")) {
            assertNotNull(raw, "golden file");
            final DataInputStream in = new DataInputStream(raw);
            final Properties props = new Properties();
            props.load(new java.io.StringReader(in.readUTF()));
            final DeepMixModel model = new DeepMixModel(DeepMixConfig.fromProperties(props));
            final int entries = in.readInt();
            final MapSink golden = new MapSink();
            for (int i = 0; i < entries; i++) {
                final byte[] key = in.readNBytes(in.readInt());
                final byte[] value = in.readNBytes(in.readInt());
                assertEquals(StateCodec.FORMAT_VERSION, key[0]);
                assertEquals(StateCodec.FORMAT_VERSION, value[0]);
                model.restore(key, value);
                golden.put(key, value);
            }
            assertEquals(in.readLong(), model.version());
            // the restored state re-encodes to exactly the golden bytes
            final MapSink again = new MapSink();
            model.snapshot(again);
            assertEquals(golden.entries.keySet(), again.entries.keySet());
            golden.entries.forEach((k, v) -> assertArrayEquals(v, again.entries.get(k), k));
            // predictions agree up to float reordering (arithmetic may be tuned without a format change)
            for (final double actual : GoldenState.probes(model)) {
                final double expected = in.readDouble();
                assertEquals(expected, actual, 1e-5 * (1 + Math.abs(expected)));
            }
        }
    }
}
