package dev.streamrec.topology;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.learning.sync.DeltaCodec;
import dev.streamrec.learning.sync.RoundDelta;
import dev.streamrec.learning.sync.RoundMerger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The merge step of parameter sync (docs/shared-model.md): keeps the chunks of every task's round deltas in the store
 * {@value #STORE} until it holds all of round r from every one of the {@code tasks} tasks (decided by the data, never
 * by arrival time), then emits merged round r ({@link RoundMerger}: task-id order) in chunks to the sync-merged topic,
 * deletes round r's chunks, and deletes merged round r - 2 from the topic with tombstones (no task can need it: a
 * task's delta of round r is sent after it applied merged round r - 1, and a task restarts from a checkpoint taken
 * after its last applied round). Under exactly-once the emission and the deletions are one transaction.
 */
final class DeltaMerger implements Processor<byte[], byte[], byte[], byte[]> {
    static final String STORE = "sync-pending";
    /** Chunk index of a store entry that records how many chunks merged round r was emitted in. */
    private static final int EMITTED = -1;

    private final SyncSettings settings;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> pending;

    DeltaMerger(final SyncSettings settings) {
        this.settings = settings;
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled();
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final SyncChunks.DeltaKey key = SyncChunks.parseDeltaKey(record.key());
        if (key.task() < 0 || key.task() >= settings.tasks()) {
            throw new IllegalStateException("a round delta of task " + key.task() + " but the application has "
                + settings.tasks() + " tasks (" + StreamrecConfig.PARTITIONS + " must be the event topics' "
                + "partition count)");
        }
        pending.put(Bytes.wrap(record.key()), record.value());
        final List<RoundDelta> deltas = complete(key.round());
        if (deltas == null) {
            return;
        }
        final long round = key.round();
        final byte[] merged = DeltaCodec.encode(RoundMerger.merge(deltas, settings.tasks(), round));
        final List<byte[]> chunks = SyncChunks.split(merged, settings.chunkBytes());
        final long timestamp = (round + 1) * settings.roundMillis();
        for (int c = 0; c < chunks.size(); c++) {
            context.forward(new Record<>(SyncChunks.mergedKey(round, c, chunks.size()), chunks.get(c), timestamp));
        }
        deleteRound(round);
        pending.put(Bytes.wrap(SyncChunks.deltaKey(round, EMITTED, 0, chunks.size())), new byte[0]);
        final Bytes expired = Bytes.wrap(SyncChunks.deltaKey(round - 2, EMITTED, 0, 0));
        try (KeyValueIterator<Bytes, byte[]> old = pending.range(SyncChunks.roundStart(round - 2),
            SyncChunks.roundStart(round - 1))) {
            while (old.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = old.next();
                final int count = SyncChunks.parseDeltaKey(entry.key.get()).chunks();
                for (int c = 0; c < count; c++) {
                    context.forward(new Record<>(SyncChunks.mergedKey(round - 2, c, count), null, timestamp));
                }
            }
        }
        pending.delete(expired);
        context.commit(); // the tasks wait for this round: do not wait for the commit interval
    }

    /** Every task's delta of {@code round} in task order, or null while a chunk of any task is missing. */
    private List<RoundDelta> complete(final long round) {
        final List<List<byte[]>> chunks = new ArrayList<>();
        final int[] expected = new int[settings.tasks()];
        for (int t = 0; t < settings.tasks(); t++) {
            chunks.add(new ArrayList<>());
        }
        try (KeyValueIterator<Bytes, byte[]> it = pending.range(SyncChunks.roundStart(round),
            SyncChunks.roundStart(round + 1))) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                final SyncChunks.DeltaKey key = SyncChunks.parseDeltaKey(entry.key.get());
                if (key.round() != round || key.task() == EMITTED) {
                    continue;
                }
                chunks.get(key.task()).add(entry.value); // in chunk order: the keys sort so
                expected[key.task()] = key.chunks();
            }
        }
        final List<RoundDelta> deltas = new ArrayList<>();
        for (int t = 0; t < settings.tasks(); t++) {
            if (expected[t] == 0 || chunks.get(t).size() != expected[t]) {
                return null;
            }
            deltas.add(DeltaCodec.decode(SyncChunks.join(chunks.get(t))));
        }
        return deltas;
    }

    private void deleteRound(final long round) {
        final List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = pending.range(SyncChunks.roundStart(round),
            SyncChunks.roundStart(round + 1))) {
            while (it.hasNext()) {
                final Bytes key = it.next().key;
                if (SyncChunks.parseDeltaKey(key.get()).round() == round) {
                    keys.add(key);
                }
            }
        }
        keys.forEach(pending::delete);
    }
}
