package dev.streamrec.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.streamrec.learning.sync.DeltaCodec;
import dev.streamrec.learning.sync.RoundDelta;
import dev.streamrec.learning.sync.TaskSync;
import dev.streamrec.models.OnlineModel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One scoring task's side of parameter sync in the stream (docs/shared-model.md), staleness 1: the task closes
 * round r at its first input record of a later round (events, snapshot requests and round marks alike), publishes
 * its delta of r, and applies merged round r before that record, at the start of round r + 1. Until merged round r
 * is in the global store {@link MergedRoundLoader#STORE}, that record and every later one are held, in order, in
 * the store {@value #STORE}; {@link #admit} tells the caller whether a record may be processed now. So what the
 * task computes depends only on its own records and the merged rounds, never on when a round arrived.
 *
 * <p>After every applied round the caller checkpoints the task, so the example log never spans a round boundary,
 * and this class keeps no state a restart needs beyond its progress in {@value #STORE}: a task rebuilt from that
 * checkpoint syncs exactly as before ({@code SyncedRestartTest}). A task restarted while waiting extracts its
 * published delta again ({@link #resume}); the extraction is bit-identical and was sent already.
 */
final class TaskRounds {
    static final String STORE = "sync-held";
    private static final Bytes PROGRESS = Bytes.wrap(new byte[] {0});
    private static final byte HELD = 1;

    private final SyncSettings settings;
    private final int task;
    private final TaskSync sync;
    private final KeyValueStore<Bytes, byte[]> held;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> merged;
    private final Consumer<DeltaChunk> publish;
    private final Runnable checkpoint;
    /** The round the task is in; while {@link #waiting}, the round whose delta it published and whose merge it awaits. */
    private long openRound;
    private boolean waiting;
    /** Held records: sequence numbers {@code [firstHeld, nextHeld)}. */
    private long firstHeld;
    private long nextHeld;

    /**
     * @param models     the task's models as restored from its checkpoint, before the example log is replayed
     * @param publish    sends one record of a round delta
     * @param checkpoint checkpoints the task (called after each applied merged round)
     */
    TaskRounds(final SyncSettings settings, final int task, final List<OnlineModel> models,
               final KeyValueStore<Bytes, byte[]> held, final ReadOnlyKeyValueStore<Bytes, byte[]> merged,
               final Consumer<DeltaChunk> publish, final Runnable checkpoint) {
        if (task >= settings.tasks()) {
            throw new IllegalStateException("task of partition " + task + " but sync expects " + settings.tasks()
                + " tasks: set " + StreamrecConfig.PARTITIONS + " to the event topics' partition count");
        }
        this.settings = settings;
        this.task = task;
        this.sync = new TaskSync(task, models, settings.denseEveryRounds());
        this.held = held;
        this.merged = merged;
        this.publish = publish;
        this.checkpoint = checkpoint;
        final byte[] progress = held.get(PROGRESS);
        if (progress == null) {
            openRound = settings.firstRound();
        } else {
            final ByteBuffer in = ByteBuffer.wrap(progress);
            openRound = in.getLong();
            waiting = in.get() == 1;
            firstHeld = in.getLong();
            nextHeld = in.getLong();
        }
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled();
    }

    /** After the example log is replayed: a task that was waiting takes its published delta back (not re-sent). */
    void resume() {
        if (waiting) {
            sync.extract(openRound);
        }
    }

    /**
     * Whether a record of this timestamp may be processed now: closes and applies every round before it that it can.
     * False: hold it ({@link #hold}). {@code heldRecord}: it is the oldest held record, being released.
     */
    boolean admit(final long timestamp, final boolean heldRecord) {
        if (!heldRecord && firstHeld < nextHeld) {
            return false;
        }
        if (waiting && !tryApply()) {
            return false;
        }
        final long round = settings.roundOf(timestamp);
        while (openRound < round) {
            publish(sync.extract(openRound));
            waiting = true;
            saveProgress();
            if (!tryApply()) {
                return false;
            }
        }
        return true;
    }

    void hold(final Record<String, Routed> record, final RecordMetadata source) {
        held.put(heldKey(nextHeld++), HeldRecords.encode(record, source));
        saveProgress();
    }

    /** The oldest held record, or null when none is held. */
    HeldRecords.Held oldestHeld() {
        return firstHeld == nextHeld ? null : HeldRecords.decode(held.get(heldKey(firstHeld)));
    }

    void removeOldestHeld() {
        held.delete(heldKey(firstHeld++));
        saveProgress();
    }

    /** The last merged round applied (-1 before the first), for the scored events. */
    long lastApplied() {
        return sync.lastApplied();
    }

    /** Applies merged round {@link #openRound} if every chunk of it is in the global store. */
    private boolean tryApply() {
        final List<byte[]> chunks = new ArrayList<>();
        int expected = -1;
        try (KeyValueIterator<Bytes, byte[]> it = merged.range(SyncChunks.roundStart(openRound),
            SyncChunks.roundStart(openRound + 1))) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                if (ByteBuffer.wrap(entry.key.get()).getLong() == openRound) {
                    chunks.add(entry.value);
                    expected = SyncChunks.mergedChunks(entry.key.get());
                }
            }
        }
        if (chunks.isEmpty() || chunks.size() != expected) {
            return false;
        }
        sync.apply(DeltaCodec.decode(SyncChunks.join(chunks)));
        openRound++;
        waiting = false;
        saveProgress();
        checkpoint.run();
        return true;
    }

    private void publish(final RoundDelta delta) {
        final List<byte[]> chunks = SyncChunks.split(DeltaCodec.encode(delta), settings.chunkBytes());
        for (int c = 0; c < chunks.size(); c++) {
            publish.accept(new DeltaChunk(SyncChunks.deltaKey(delta.round(), task, c, chunks.size()), chunks.get(c)));
        }
    }

    private void saveProgress() {
        held.put(PROGRESS, ByteBuffer.allocate(25).putLong(openRound).put((byte) (waiting ? 1 : 0))
            .putLong(firstHeld).putLong(nextHeld).array());
    }

    private static Bytes heldKey(final long sequence) {
        return Bytes.wrap(ByteBuffer.allocate(9).put(HELD).putLong(sequence).array());
    }
}
