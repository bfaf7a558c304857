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
    private MockProcessorContext<Object, Object> context;

    @BeforeEach
    void openStore() {
        context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ExampleLogStore.NAME),
            Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    /** The log of a task that checkpoints every {@code checkpointEvery} examples, as a (re)started task opens it. */
    private ExampleLogStore log(final int checkpointEvery) {
        return ExampleLogStore.lookup(context, checkpointEvery);
    }

    private static Example example(final long n) {
        final SparseFeatures categorical = new SparseFeatures(4);
        categorical.add((int) n % 97, 1f, 0);
        final SparseFeatures numeric = new SparseFeatures(4);
        numeric.add(1, n * 0.5f, 1);
        return new Example(n % 2 == 0 ? Task.CLICK : Task.RATING, n % 5, "user-" + n, "item-é" + n, 1_000L * n,
            categorical, numeric);
    }

    private static void append(final ExampleLogStore log, final long from, final long to) {
        for (long s = from; s <= to; s++) {
            log.append(log.sink(), s, "impressions", (int) (s % 2), 100 + s, example(s));
        }
    }

    private static List<Long> sequences(final List<ExampleLogStore.Entry> entries) {
        return entries.stream().map(ExampleLogStore.Entry::sequence).toList();
    }

    @Test
    void replaysOnlyTheExamplesAfterTheCheckpointInOrder() {
        final ExampleLogStore log = log(40); // a ring of 4 blocks of 16
        append(log, 1, 150); // more than two rings' worth: slots overwritten
        ExampleLogStore.writeCheckpoint(log.sink(), 137);
        assertEquals(137, log.checkpointSequence());
        final List<ExampleLogStore.Entry> after = log.after(137);
        assertEquals(java.util.stream.LongStream.rangeClosed(138, 150).boxed().toList(), sequences(after));
        final ExampleLogStore.Entry first = after.get(0);
        assertArrayEquals(ExampleCodec.encode(example(138)), ExampleCodec.encode(first.example()));
        assertEquals("impressions", first.topic());
        assertEquals(0, first.partition());
        assertEquals(238, first.offset());
        assertTrue(store.approximateNumEntries() <= 5, "4 block slots and the checkpoint record");
    }

    @Test
    void continuesTheBlockItWasWritingAfterARestart() {
        append(log(100), 1, 20); // block 1 holds 17..20
        ExampleLogStore.writeCheckpoint(log(100).sink(), 10);
        final ExampleLogStore restarted = log(100);
        assertEquals(10, restarted.after(10).size());
        append(restarted, 21, 23);
        assertEquals(java.util.stream.LongStream.rangeClosed(11, 23).boxed().toList(), sequences(log(100).after(10)));
    }

    @Test
    void startsWithNoCheckpointAndAnEmptyLog() {
        assertEquals(0, log(10).checkpointSequence());
        assertTrue(log(10).after(0).isEmpty());
    }

    @Test
    void readsALogWrittenWithAnotherRingSize() {
        append(log(200), 1, 60);
        ExampleLogStore.writeCheckpoint(log(200).sink(), 30);
        // A restart with checkpoints every 20 (a ring of 3 blocks): the 30 examples after the checkpoint still read.
        final ExampleLogStore smaller = log(20);
        assertEquals(java.util.stream.LongStream.rangeClosed(31, 60).boxed().toList(), sequences(smaller.after(30)));
        // The task is past due: it checkpoints with its next example, then logs in the smaller ring.
        append(smaller, 61, 61);
        ExampleLogStore.writeCheckpoint(smaller.sink(), 61);
        append(smaller, 62, 80);
        assertEquals(java.util.stream.LongStream.rangeClosed(62, 80).boxed().toList(), sequences(log(20).after(61)));
    }

    @Test
    void rejectsALogWithAGap() {
        append(log(16), 1, 40); // a ring of 2 blocks: 1..16 was overwritten by 33..40, no checkpoint came in time
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> log(16).after(0));
        assertTrue(e.getMessage().contains("misses sequence 1"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownFormatVersion() {
        final ExampleLogStore log = log(10);
        ExampleLogStore.writeCheckpoint(log.sink(), 1);
        final byte[] key = "checkpoint".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final byte[] value = store.get(Bytes.wrap(key)).clone();
        value[0] = 9;
        store.put(Bytes.wrap(key), value);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, log::checkpointSequence);
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }
}
