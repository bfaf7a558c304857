package dev.streamrec.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance's registry of the live models of its active stream tasks, by input partition. Each scoring
 * processor {@linkplain #register registers} its task when it starts and {@linkplain LiveTask#unregister
 * unregisters} it when it closes; query threads look tasks up here. Handed to the processors through the Kafka
 * Streams configuration under {@link #CONFIG_KEY} (an object value: Kafka passes unknown keys through to
 * {@code ProcessorContext#appConfigs()}), so each {@code KafkaStreams} client has its own registry.
 */
public final class LiveModels {
    /** The Streams configuration key the registry object is passed under. */
    public static final String CONFIG_KEY = "streamrec.query.live.models";

    private final ConcurrentMap<Integer, LiveTask> byPartition = new ConcurrentHashMap<>();
    private final AtomicLong itemProfileWrites = new AtomicLong();

    /**
     * The registry in a processor's {@code appConfigs()}, or a fresh one nobody queries (a topology run without
     * live queries: the TopologyTestDriver, in-process benchmarks).
     */
    public static LiveModels from(final Map<String, Object> appConfigs) {
        return appConfigs.get(CONFIG_KEY) instanceof LiveModels registry ? registry : new LiveModels();
    }

    /** Registers the task of {@code partition} (replacing a task of the same partition that did not close). */
    public LiveTask register(final String taskId, final int partition) {
        final LiveTask task = new LiveTask(taskId, partition, this);
        byPartition.put(partition, task);
        return task;
    }

    void unregister(final LiveTask task) {
        byPartition.remove(task.partition(), task);
    }

    /** The live task of {@code partition} on this instance, if it is active and its models are loaded here. */
    public Optional<LiveTask> task(final int partition) {
        return Optional.ofNullable(byPartition.get(partition)).filter(LiveTask::ready);
    }

    /** The item-profile store's writer calls this after every put or delete (see {@link ItemCatalog}). */
    public void itemProfileWritten() {
        itemProfileWrites.incrementAndGet();
    }

    /** How many writes to the item-profile store this instance made: unchanged, the store is unchanged. */
    public long itemProfileWrites() {
        return itemProfileWrites.get();
    }

    /** The live tasks, in partition order. */
    public List<LiveTask> tasks() {
        return byPartition.values().stream().sorted(java.util.Comparator.comparingInt(LiveTask::partition)).toList();
    }
}
