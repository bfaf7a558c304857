package dev.streamrec.state;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A task's snapshot bookkeeping, changelogged with the models' state so that a restarted task snapshots at exactly
 * the points an uninterrupted one would: its stream time, the events scored since the last snapshot, and the offset
 * of the last scored record per input topic-partition. Held in memory and written to the store at a task's
 * checkpoint ({@link #flush}); the events since are replayed from the task's example log.
 */
public final class SnapshotProgressStore {
    /** The store's name. */
    public static final String NAME = "snapshot-progress";
    private static final String STREAM_TIME = "stream-time";
    private static final String EVENTS_SINCE = "events-since-snapshot";
    private static final String POSITION = "position/";

    private final KeyValueStore<String, Long> store;
    private final Map<String, Long> positions = new TreeMap<>();
    private long streamTime = Long.MIN_VALUE;
    private long eventsSinceSnapshot;

    private SnapshotProgressStore(final KeyValueStore<String, Long> store) {
        this.store = store;
        try (KeyValueIterator<String, Long> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, Long> entry = it.next();
                if (entry.key.equals(STREAM_TIME)) {
                    streamTime = entry.value;
                } else if (entry.key.equals(EVENTS_SINCE)) {
                    eventsSinceSnapshot = entry.value;
                } else if (entry.key.startsWith(POSITION)) {
                    positions.put(entry.key.substring(POSITION.length()), entry.value);
                }
            }
        }
    }

    public static StoreBuilder<KeyValueStore<String, Long>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.Long())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of());
    }

    /** Looks the store up in a processor's context and loads it (call from {@code init}). */
    public static SnapshotProgressStore lookup(final ProcessingContext context) {
        final KeyValueStore<String, Long> store = context.getStateStore(NAME);
        return new SnapshotProgressStore(Objects.requireNonNull(store, "no state store " + NAME
            + " connected to processor; the topology must connect it"));
    }

    /** The largest event time scored so far ({@link Long#MIN_VALUE} before the first). */
    public long streamTime() {
        return streamTime;
    }

    public long eventsSinceSnapshot() {
        return eventsSinceSnapshot;
    }

    /** Offset of the last scored record per input {@code topic-partition}. */
    public Map<String, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Records one scored event: its time, its position; counts it. */
    public void recordEvent(final long eventTime, final String topicPartition, final long offset) {
        if (eventTime > streamTime) {
            streamTime = eventTime;
        }
        eventsSinceSnapshot++;
        if (topicPartition != null) {
            positions.put(topicPartition, offset);
        }
    }

    /** Records that a snapshot was just taken. */
    public void snapshotTaken() {
        eventsSinceSnapshot = 0;
    }

    /** Writes the progress to the store (part of the task's checkpoint). */
    public void flush() {
        if (streamTime != Long.MIN_VALUE) {
            store.put(STREAM_TIME, streamTime);
        }
        store.put(EVENTS_SINCE, eventsSinceSnapshot);
        positions.forEach((topicPartition, offset) -> store.put(POSITION + topicPartition, offset));
    }
}
