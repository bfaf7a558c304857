package dev.streamrec.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Examples are logged in blocks of {@value #BLOCK_EXAMPLES}: the example of task sequence number {@code s} (1
 * for the task's first learned event) goes into block {@code (s - 1) / BLOCK_EXAMPLES}, and each append rewrites
 * its block's entry with one more example. The store's cache keeps only the latest version of a block between two
 * commits, so the changelog gets about one record per block instead of one per event. The blocks form a ring of
 * {@code ceil(K / BLOCK_EXAMPLES) + 1} slots for a checkpoint every K events: the log is never cleared and never
 * writes a tombstone, a slot is simply overwritten one ring later. The checkpoint record
 * ({@link #checkpointSequence}) says which sequence numbers the checkpointed state already holds: {@link #after}
 * returns only the later ones, in order, whatever the ring size was when they were written.
 *
 * <p>Format version 2, big-endian: slot keys are 4-byte ints; a block's value is {@code [2][count short]} then
 * {@code count} times {@code [sequence long][input topic: short length + UTF-8][partition int][offset long]
 * [example length int][ExampleCodec bytes]}. The checkpoint record's key is the ASCII {@code checkpoint}, its value
 * {@code [2][sequence long]}.
 *
 * <p>Not thread-safe: one instance per stream task, rebuilt with the task's models (it remembers the block being
 * written).
 */
public final class ExampleLogStore {
    /** The store's name. */
    public static final String NAME = "example-log";
    /** Examples per block (per changelog record, once the block is full). */
    public static final int BLOCK_EXAMPLES = 16;
    private static final byte VERSION = 2;
    private static final Bytes CHECKPOINT_KEY = Bytes.wrap("checkpoint".getBytes(StandardCharsets.US_ASCII));

    /** One logged example with the input position it came from (the snapshot progress replays it). */
    public record Entry(long sequence, String topic, int partition, long offset, Example example) {
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final int ringBlocks;
    /** The block the next append continues; -1: none yet. */
    private long block = -1;
    /** That block's value so far ({@code [version][count]} then its entries), grown in place by each append. */
    private ByteBuffer blockValue = ByteBuffer.allocate(4096);
    private int blockCount;
    /** The UTF-8 bytes of the last input topic appended (one or two topics per task: not worth a map). */
    private String lastTopic;
    private byte[] lastTopicBytes;

    private ExampleLogStore(final KeyValueStore<Bytes, byte[]> store, final int checkpointEvery) {
        this.store = store;
        this.ringBlocks = (checkpointEvery + BLOCK_EXAMPLES - 1) / BLOCK_EXAMPLES + 1;
    }

    /** A builder for the store: RocksDB, changelogged, with caching. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of());
    }

    /**
     * Looks the store up in a processor's context (call from {@code init}), for a task that checkpoints at least
     * every {@code checkpointEvery} examples.
     */
    public static ExampleLogStore lookup(final ProcessingContext context, final int checkpointEvery) {
        final KeyValueStore<Bytes, byte[]> store = context.getStateStore(NAME);
        return new ExampleLogStore(Objects.requireNonNull(store, "no state store " + NAME
            + " connected to processor; the topology must connect it"), checkpointEvery);
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

    /**
     * Writes, through {@code sink}, the example of {@code sequence}: its block, rewritten with it appended (the block
     * is kept encoded, so an append encodes only the new entry and copies the block once, for the store to keep).
     */
    public void append(final ParameterSink sink, final long sequence, final String topic, final int partition,
                       final long offset, final Example example) {
        final long of = (sequence - 1) / BLOCK_EXAMPLES;
        if (of != block) {
            startBlock(of);
        }
        if (!topic.equals(lastTopic)) {
            lastTopic = topic;
            lastTopicBytes = topic.getBytes(StandardCharsets.UTF_8);
        }
        final byte[] encoded = ExampleCodec.encode(example);
        addEntry(Long.BYTES + Short.BYTES + lastTopicBytes.length + Integer.BYTES + Long.BYTES + Integer.BYTES
            + encoded.length);
        blockValue.putLong(sequence).putShort((short) lastTopicBytes.length).put(lastTopicBytes).putInt(partition)
            .putLong(offset).putInt(encoded.length).put(encoded);
        sink.put(slotKey(block), Arrays.copyOf(blockValue.array(), blockValue.position()));
    }

    private void startBlock(final long blockIndex) {
        block = blockIndex;
        blockValue.clear();
        blockValue.put(VERSION).putShort((short) 0);
        blockCount = 0;
    }

    /** Makes room for one more entry of {@code length} bytes and counts it in the block's header. */
    private void addEntry(final int length) {
        if (blockValue.remaining() < length) {
            final ByteBuffer grown = ByteBuffer.allocate(Math.max(2 * blockValue.capacity(),
                blockValue.position() + length));
            grown.put(blockValue.array(), 0, blockValue.position());
            blockValue = grown;
        }
        blockCount++;
        blockValue.putShort(1, (short) blockCount);
    }

    /**
     * The logged examples after {@code sequence}, in sequence order (the ones the checkpoint does not hold); the
     * next {@link #append} continues the block of the last of them.
     */
    public List<Entry> after(final long sequence) {
        final List<Entry> entries = new ArrayList<>();
        final Map<Long, byte[]> raw = new java.util.HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.key.equals(CHECKPOINT_KEY)) {
                    continue;
                }
                final ByteBuffer in = versioned(kv.value, "example log block");
                final int count = Short.toUnsignedInt(in.getShort());
                for (int i = 0; i < count; i++) {
                    final int start = in.position();
                    final Entry entry = decode(in);
                    if (entry.sequence() > sequence) {
                        entries.add(entry);
                        raw.put(entry.sequence(), Arrays.copyOfRange(kv.value, start, in.position()));
                    }
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::sequence));
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).sequence() != sequence + 1 + i) {
                throw new IllegalStateException("example log of checkpoint " + sequence + " misses sequence "
                    + (sequence + 1 + i) + " (found " + entries.get(i).sequence() + "): did two checkpoints lie "
                    + "further apart than the ring holds?");
            }
        }
        block = -1;
        if (!entries.isEmpty()) {
            startBlock((entries.get(entries.size() - 1).sequence() - 1) / BLOCK_EXAMPLES);
            for (final Entry entry : entries) {
                if ((entry.sequence() - 1) / BLOCK_EXAMPLES == block) {
                    final byte[] bytes = raw.get(entry.sequence());
                    addEntry(bytes.length);
                    blockValue.put(bytes);
                }
            }
        }
        return entries;
    }

    /** A {@link ParameterSink} writing into this store (for staged writes). */
    public ParameterSink sink() {
        return new BytesStoreSink(store);
    }

    private byte[] slotKey(final long blockIndex) {
        return ByteBuffer.allocate(Integer.BYTES).putInt((int) Math.floorMod(blockIndex, (long) ringBlocks)).array();
    }

    private static Entry decode(final ByteBuffer in) {
        final long sequence = in.getLong();
        final byte[] topic = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(topic);
        final int partition = in.getInt();
        final long offset = in.getLong();
        final int length = in.getInt();
        final Example example = ExampleCodec.decode(in.array(), in.position(), length);
        in.position(in.position() + length);
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
