package dev.streamrec.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.learning.ModelSet;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.snapshot.SnapshotEncoder;
import dev.streamrec.snapshot.SnapshotHeader;
import dev.streamrec.snapshot.StateEntry;
import dev.streamrec.state.DeferredSink;
import dev.streamrec.state.ModelStateStore;
import dev.streamrec.state.SnapshotProgressStore;

/**
 * Decides when one stream task snapshots its models and builds the snapshot records. A snapshot of every model is
 * taken after the scored event that makes the task's events-since-snapshot reach {@code everyEvents}, or that moves
 * its stream time into a new interval of {@code everyMs} (counted from the epoch). Both counters are checkpointed
 * with the models and replayed from the example log, so replays and restarts snapshot at the same events; nothing
 * depends on the wall clock. A snapshot always comes with a checkpoint: its records are read from the stores.
 */
final class TaskSnapshots {
    private final long everyEvents;
    private final long everyMs;
    private final SnapshotEncoder encoder;
    private final Map<String, String> modelConfiguration;
    private final String task;
    private final int partition;
    private final SnapshotProgressStore progress;

    TaskSnapshots(final long everyEvents, final long everyMs, final int chunkBytes,
                  final Map<String, String> modelConfiguration, final String task, final int partition,
                  final SnapshotProgressStore progress) {
        this.everyEvents = everyEvents;
        this.everyMs = everyMs;
        this.encoder = new SnapshotEncoder(chunkBytes);
        this.modelConfiguration = new TreeMap<>(modelConfiguration);
        this.task = task;
        this.partition = partition;
        this.progress = progress;
    }

    /**
     * Records one scored (and learned) event; returns whether a snapshot of every model is due after it. If so,
     * the caller calls {@link #taken}, checkpoints the models (so that the stores hold their current state) and
     * emits {@link #snapshot}.
     */
    boolean recordEvent(final long eventTime, final String topicPartition, final long offset) {
        final long before = progress.streamTime();
        progress.recordEvent(eventTime, topicPartition, offset);
        final boolean byCount = everyEvents > 0 && progress.eventsSinceSnapshot() >= everyEvents;
        final boolean byTime = everyMs > 0 && before != Long.MIN_VALUE
            && Math.floorDiv(progress.streamTime(), everyMs) > Math.floorDiv(before, everyMs);
        return byCount || byTime;
    }

    /** Counts a snapshot as taken now (due, or asked for by a {@link SnapshotRequest}). */
    void taken() {
        progress.snapshotTaken();
    }

    /** Writes the snapshot progress to its store (part of the task's checkpoint). */
    void flush() {
        progress.flush();
    }

    /**
     * The records of a snapshot of every model, now: each model's store overlaid with the entries drained into its
     * {@code deferred} sink since the last checkpoint (the caller drains the models first).
     */
    List<SnapshotEncoder.KeyedRecord> snapshot(final ModelSet models, final List<ModelStateStore> stores,
                                               final List<DeferredSink> deferred) {
        final List<SnapshotEncoder.KeyedRecord> records = new ArrayList<>();
        for (int i = 0; i < models.models().size(); i++) {
            final OnlineModel model = models.models().get(i);
            final List<StateEntry> entries = new ArrayList<>();
            deferred.get(i).overlay(stores.get(i), (key, value) -> entries.add(new StateEntry(key, value)));
            final SnapshotHeader header = new SnapshotHeader(model.name(), model.getClass().getName(),
                model.version(), task, partition, progress.streamTime(), progress.positions(), modelConfiguration,
                metrics(models.metrics().get(i).snapshot()), model.parameterCount());
            records.addAll(encoder.encode(header, entries));
        }
        return records;
    }

    private static Map<String, Double> metrics(final MetricsSnapshot m) {
        final Map<String, Double> metrics = new TreeMap<>();
        metrics.put("clickCount", (double) m.clickCount());
        metrics.put("ratingCount", (double) m.ratingCount());
        metrics.put("aucWindowSize", (double) m.aucWindowSize());
        metrics.put("auc", m.auc());
        metrics.put("logLoss", m.logLoss());
        metrics.put("mae", m.mae());
        metrics.put("rmse", m.rmse());
        return metrics;
    }
}
