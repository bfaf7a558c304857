package dev.streamrec.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamrec.features.Example;
import dev.streamrec.features.ExampleCodec;
import dev.streamrec.models.ParameterSink;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One task's example log: every example its models learned since their last checkpoint, so that the checkpoint
 * plus the log give the task's state exactly (see {@code docs/adr-001-checkpoint-and-example-log.md}).
 *
 * <p>The log is a ring: the example of task sequence number {@code s} (1 for the task's first learned event) is
 * written under slot {@code s mod ringSize}, so the log is never cleared and never writes a tombstone; a slot is
 * simply overwritten one ring later. The checkpoint record ({@link #checkpointSequence}) says which sequence numbers
 * the checkpointed state already holds: {@link #after} returns only the later ones, in order, whatever the ring
 * size was when they were written. A checkpoint must therefore come at least every {@code ringSize} examples.
 *
 * <p>Entry format version 1, big-endian: slot keys are 4-byte ints; a value is {@code [1][sequence long]
 * [input topic: short length + UTF-8][partition int][offset long][ExampleCodec bytes]}. The checkpoint record's key
 * is the ASCII {@code checkpoint}, its value {@code [1][sequence long]}.
 */
public final class ExampleLogStore {
    /** The store's name. */
    public static final String NAME = "example-log";
    private static final byte VERSION = 1;
    private static final Bytes CHECKPOINT_KEY = Bytes.wrap("checkpoint".getBytes(StandardCharsets.US_ASCII));

    /** One logged example with the input position it came from (the snapshot progress replays it). */
    public record Entry(long sequence, String topic, int partition, long offset, Example example) {
    }

    private final KeyValueStore<Bytes, byte[]> store;

    private ExampleLogStore(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** A builder for the store: RocksDB, changelogged, with caching. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of());
    }

    /** Looks the store up in a processor's context (call from {@code init}). */
    public static ExampleLogStore lookup(final ProcessingContext context) {
        final KeyValueStore<Bytes, byte[]> store = context.getStateStore(NAME);
        return new ExampleLogStore(Objects.requireNonNull(store, "no state store " + NAME
            + " connected to processor; the topology must connect it"));
    }

    /** The sequence number of the last example the task's checkpointed state holds; 0 before any checkpoint. */
    public long checkpointSequence() {
        final byte[] value = store.get(CHECKPOINT_KEY);
        if (value == null) {
            return 0;
        }
        final ByteBuffer in = versioned(value, "checkpoint record");
        return in.getLong();
    }

    /** Writes, through {@code sink}, that the checkpointed state now holds every example up to {@code sequence}. */
    public static void writeCheckpoint(final ParameterSink sink, final long sequence) {
        sink.put(CHECKPOINT_KEY.get(), ByteBuffer.allocate(1 + Long.BYTES).put(VERSION).putLong(sequence).array());
    }

    /** Writes, through {@code sink}, the example of {@code sequence} into its slot of a ring of {@code ringSize}. */
    public static void append(final ParameterSink sink, final int ringSize, final long sequence, final String topic,
                              final int partition, final long offset, final Example example) {
        final byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        final byte[] encoded = ExampleCodec.encode(example);
        final ByteBuffer value = ByteBuffer.allocate(1 + Long.BYTES + Short.BYTES + topicBytes.length + Integer.BYTES
            + Long.BYTES + encoded.length);
        value.put(VERSION).putLong(sequence).putShort((short) topicBytes.length).put(topicBytes).putInt(partition)
            .putLong(offset).put(encoded);
        sink.put(slotKey(ringSize, sequence), value.array());
    }

    /** The logged examples after {@code sequence}, in sequence order (the ones the checkpoint does not hold). */
    public List<Entry> after(final long sequence) {
        final List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.key.equals(CHECKPOINT_KEY)) {
                    continue;
                }
                final ByteBuffer in = versioned(kv.value, "example log entry");
                final long entrySequence = in.getLong();
                if (entrySequence > sequence) {
                    entries.add(decode(entrySequence, in));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::sequence));
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).sequence() != sequence + 1 + i) {
                throw new IllegalStateException("example log of checkpoint " + sequence + " misses sequence "
                    + (sequence + 1 + i) + " (found " + entries.get(i).sequence() + "): was the ring size reduced"
                    + " below the events between two checkpoints?");
            }
        }
        return entries;
    }

    /** A {@link ParameterSink} writing into this store (for staged writes). */
    public ParameterSink sink() {
        return new ParameterSink() {
            @Override
            public void put(final byte[] key, final byte[] value) {
                store.put(Bytes.wrap(key), value);
            }

            @Override
            public void delete(final byte[] key) {
                store.delete(Bytes.wrap(key));
            }
        };
    }

    private static byte[] slotKey(final int ringSize, final long sequence) {
        return ByteBuffer.allocate(Integer.BYTES).putInt((int) Math.floorMod(sequence, (long) ringSize)).array();
    }

    private static Entry decode(final long sequence, final ByteBuffer in) {
        final byte[] topic = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(topic);
        final int partition = in.getInt();
        final long offset = in.getLong();
        final Example example = ExampleCodec.decode(in.array(), in.position(), in.remaining());
        return new Entry(sequence, new String(topic, StandardCharsets.UTF_8), partition, offset, example);
    }

    private static ByteBuffer versioned(final byte[] value, final String what) {
        if (value.length == 0 || value[0] != VERSION) {
            throw new IllegalArgumentException(what + " has format version " + (value.length == 0 ? "none" : value[0])
                + "; this build reads version " + VERSION);
        }
        return ByteBuffer.wrap(value, 1, value.length - 1);
    }
}
