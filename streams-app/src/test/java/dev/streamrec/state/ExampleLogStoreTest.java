package dev.streamrec.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.streamrec.features.Example;
import dev.streamrec.features.ExampleCodec;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example log ring: what a restore replays after a checkpoint, whatever the ring size was. */
class ExampleLogStoreTest {
    private KeyValueStore<Bytes, byte[]> store;
    private ExampleLogStore log;
    private ParameterSink sink;

    @BeforeEach
    void openStore() {
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ExampleLogStore.NAME),
            Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        log = ExampleLogStore.lookup(context);
        sink = log.sink();
    }

    private static Example example(final long n) {
        final SparseFeatures categorical = new SparseFeatures(4);
        categorical.add((int) n % 97, 1f, 0);
        final SparseFeatures numeric = new SparseFeatures(4);
        numeric.add(1, n * 0.5f, 1);
        return new Example(n % 2 == 0 ? Task.CLICK : Task.RATING, n % 5, "user-" + n, "item-é" + n, 1_000L * n,
            categorical, numeric);
    }

    private void append(final int ringSize, final long from, final long to) {
        for (long s = from; s <= to; s++) {
            ExampleLogStore.append(sink, ringSize, s, "impressions", (int) (s % 2), 100 + s, example(s));
        }
    }

    @Test
    void replaysOnlyTheExamplesAfterTheCheckpointInOrder() {
        append(4, 1, 10); // three rings' worth: slots overwritten
        ExampleLogStore.writeCheckpoint(sink, 8);
        assertEquals(8, log.checkpointSequence());
        final List<ExampleLogStore.Entry> after = log.after(8);
        assertEquals(List.of(9L, 10L), after.stream().map(ExampleLogStore.Entry::sequence).toList());
        final ExampleLogStore.Entry nine = after.get(0);
        assertArrayEquals(ExampleCodec.encode(example(9)), ExampleCodec.encode(nine.example()));
        assertEquals("impressions", nine.topic());
        assertEquals(1, nine.partition());
        assertEquals(109, nine.offset());
    }

    @Test
    void startsWithNoCheckpointAndAnEmptyLog() {
        assertEquals(0, log.checkpointSequence());
        assertTrue(log.after(0).isEmpty());
    }

    @Test
    void readsALogWrittenWithAnotherRingSize() {
        append(8, 1, 6);
        ExampleLogStore.writeCheckpoint(sink, 3);
        append(3, 7, 9); // the ring shrank from 8 to 3 slots after a restart: 4..6 are still under their old slots
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L),
            log.after(3).stream().map(ExampleLogStore.Entry::sequence).toList());
    }

    @Test
    void rejectsALogWithAGap() {
        append(3, 1, 5); // sequence 2 was overwritten by 5 in a ring of 3: no checkpoint came in time
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.after(1));
        assertTrue(e.getMessage().contains("misses sequence 2"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownFormatVersion() {
        ExampleLogStore.writeCheckpoint(sink, 1);
        final byte[] key = "checkpoint".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final byte[] value = store.get(Bytes.wrap(key)).clone();
        value[0] = 9;
        store.put(Bytes.wrap(key), value);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, log::checkpointSequence);
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }
}
