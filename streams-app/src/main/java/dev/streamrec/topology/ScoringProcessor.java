package dev.streamrec.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.streamrec.events.RejectReason;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ExampleJournal;
import dev.streamrec.learning.ModelCore;
import dev.streamrec.learning.ModelSet;
import dev.streamrec.metrics.ModelMetricsReporter;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.metrics.SnapshotAgeGauge;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.query.LiveModels;
import dev.streamrec.query.LiveTask;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.state.DeferredSink;
import dev.streamrec.state.ExampleLogStore;
import dev.streamrec.state.MetricsStateStore;
import dev.streamrec.state.ModelStateStore;
import dev.streamrec.state.ProfileStores;
import dev.streamrec.state.SnapshotProgressStore;
import dev.streamrec.state.StagedWrites;
import dev.streamrec.snapshot.SnapshotEncoder;
import dev.streamrec.snapshot.StateEntry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of streamrec: enriches each decoded event with the user's and the item's profile and runs it through
 * the task's {@link ModelCore}: every model scores it <em>before</em> learning from it (prequential), the scored
 * event is forwarded, and the example is appended to the task's example log. Rejections from upstream pass through
 * to the dead-letter route.
 *
 * <p>Persistence is a checkpoint plus an example log ({@code docs/adr-001-checkpoint-and-example-log.md}): per
 * event only the example is written ({@link ExampleLogStore}); every {@code checkpointEvery} events, and at every
 * {@link SnapshotRequest}, the models' changed state, their metrics and the snapshot progress are written to their
 * stores. A periodic snapshot between checkpoints drains the models into {@link DeferredSink}s and reads the stores
 * through them; the next checkpoint writes what they hold.
 * {@link #loadModels} rebuilds the task from the checkpoint and learns the logged examples again, emitting nothing:
 * the state is bit-identical to the uninterrupted run's. Under exactly-once one record's writes and outputs, a
 * checkpoint's included, commit or abort together.
 *
 * <p>A record whose scoring or learning throws is dead-lettered as {@link RejectReason#PROCESSING_ERROR} and leaves
 * every model as if it never arrived: the store writes of a record are staged ({@link StagedWrites}) and applied
 * only once every model has learned it, the scored event is forwarded only then, and after a failure the task is
 * rebuilt from the stores, which still hold the state before the record.
 *
 * <p>Everything here is driven by the records and by stream time, never the wall clock, so replaying the same
 * input gives the same output bit for bit. (The one wall-clock punctuation only refreshes monitoring gauges.)
 */
final class ScoringProcessor implements Processor<String, Routed, String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
    /** How often a task holding records looks for the merged round they wait for. */
    private static final Duration RELEASE_INTERVAL = Duration.ofMillis(5);
    /** Held records released per look at most, so that one look stays far inside the transaction timeout. */
    private static final int RELEASE_BATCH = 2_000;
    /** The header of a scored event that names the last merged round its predictions used (sync on). */
    static final String SYNC_ROUND_HEADER = "streamrec-sync-round";

    private final Supplier<List<OnlineModel>> modelFactory;
    private final FeatureConfig features;
    private final Deserializer<ItemProfile> itemDeserializer;
    private final String itemsTopic;
    private final int aucWindow;
    private final int checkpointEvery;
    private final Duration logInterval;
    private final SnapshotSettings snapshotSettings;
    private final SyncSettings syncSettings;

    private ProcessorContext<String, Routed> context;
    private ProfileStores profiles;
    private ModelCore core;
    private ModelSet modelSet;
    private ModelMetricsReporter reporter;
    private SnapshotAgeGauge snapshotAge;
    private List<ModelStateStore> stores;
    /** Each model's entries drained since the last checkpoint (by a snapshot), written at the next checkpoint. */
    private List<DeferredSink> deferred;
    private TaskSnapshots snapshots;
    private ExampleLogStore log;
    private final StagedWrites staged = new StagedWrites();
    private long scored;
    private long processingErrors;
    /** Live queries: this task's models as HTTP queries see them, and the lock that keeps them apart. */
    private LiveTask live;
    /** Parameter sync's rounds and held records; null with sync off. */
    private TaskRounds rounds;
    /** The input position of the record being processed (a held record's own, when it is released). */
    private RecordMetadata current;
    /** The timestamp of the input record being admitted (sync on): its round's delta records carry it. */
    private long admitting;

    ScoringProcessor(final Supplier<List<OnlineModel>> modelFactory, final FeatureConfig features,
                     final Deserializer<ItemProfile> itemDeserializer, final String itemsTopic, final int aucWindow,
                     final int checkpointEvery, final Duration logInterval, final SnapshotSettings snapshotSettings,
                     final SyncSettings syncSettings) {
        this.modelFactory = modelFactory;
        this.features = features;
        this.itemDeserializer = itemDeserializer;
        this.itemsTopic = itemsTopic;
        this.aucWindow = aucWindow;
        this.checkpointEvery = checkpointEvery;
        this.logInterval = logInterval;
        this.snapshotSettings = snapshotSettings;
        this.syncSettings = syncSettings;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.profiles = ProfileStores.lookup(context, itemDeserializer, itemsTopic);
        this.snapshotAge = new SnapshotAgeGauge(context.metrics(), context.taskId().toString());
        this.live = LiveModels.from(context.appConfigs()).register(context.taskId().toString(),
            context.taskId().partition());
        loadModels();
        context.schedule(logInterval, PunctuationType.STREAM_TIME, streamTime -> reporter.log(LOG, streamTime));
        // Monitoring only: sets gauge values from the metrics on the wall clock; forwards nothing, changes no state.
        context.schedule(ModelMetricsReporter.REFRESH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
            reporter.refresh();
            snapshotAge.refresh();
        });
        if (rounds != null) {
            // Only looks whether the merged round the held records wait for has come: what they compute does not
            // depend on when that is.
            context.schedule(RELEASE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> releaseHeld());
        }
    }

    /**
     * (Re)builds the task from its stores: every model from its checkpointed state (or, for an empty model store,
     * from the warm start), the metrics and the snapshot progress likewise, then learns the examples logged since
     * the checkpoint again, in order. Wired to persist through {@link #staged}.
     */
    private void loadModels() {
        final List<OnlineModel> models = modelFactory.get();
        final List<ModelStateStore> stores = new ArrayList<>();
        // Monitoring only (how long the task takes to load), never processing input.
        final long loadStart = System.nanoTime();
        final String task = context.taskId().toString();
        long restored = 0;
        for (final OnlineModel model : models) {
            final ModelStateStore store = ModelStateStore.lookup(context, model.name());
            final long fromStore = store.restoreInto(model);
            if (fromStore == 0) {
                restored += warmStart(model, store, task);
            }
            restored += fromStore;
            stores.add(store);
        }
        this.stores = List.copyOf(stores);
        this.deferred = stores.stream().map(store -> new DeferredSink(staged.staging(store))).toList();
        this.modelSet = new ModelSet(models, deferred, aucWindow,
            restoredMetrics(models, MetricsStateStore.lookup(context)));
        this.snapshots = new TaskSnapshots(snapshotSettings.everyEvents(), snapshotSettings.everyMs(),
            snapshotSettings.chunkBytes(), snapshotSettings.modelConfiguration(), task, context.taskId().partition(),
            SnapshotProgressStore.lookup(context));
        this.log = ExampleLogStore.lookup(context, checkpointEvery);
        if (syncSettings.on()) {
            // the models as checkpointed, before the log is replayed: the sync's bases (TaskRounds)
            this.rounds = new TaskRounds(syncSettings, context.taskId().partition(), models,
                context.getStateStore(TaskRounds.STORE), context.getStateStore(MergedRoundLoader.STORE),
                chunk -> context.forward(new Record<String, Routed>(null, chunk, admitting)),
                this::checkpointAtRound);
        }
        final long checkpoint = log.checkpointSequence();
        this.core = new ModelCore(new ExampleFactory(features), modelSet, journal(), checkpointEvery, checkpoint);
        final long replayStart = System.nanoTime();
        final List<ExampleLogStore.Entry> logged = log.after(checkpoint);
        for (final ExampleLogStore.Entry entry : logged) {
            core.replay(entry.example());
            if (snapshots.recordEvent(entry.example().eventTime(), entry.topic() + "-" + entry.partition(),
                entry.offset())) {
                snapshots.taken(); // the original run took it, and its output is committed: counted, not re-sent
            }
        }
        if (rounds != null) {
            rounds.resume();
        }
        live.publish(modelSet.models());
        if (reporter != null) {
            reporter.close();
        }
        this.reporter = new ModelMetricsReporter(context.metrics(), task, modelSet.models(), modelSet.metrics(),
            modelSet.learnTimers());
        final long now = System.nanoTime();
        LOG.info(new ModelsReady(task, modelSet.models().stream().map(OnlineModel::name).toList(),
            restored, logged.size(), checkpoint, TimeUnit.NANOSECONDS.toMillis(now - loadStart),
            TimeUnit.NANOSECONDS.toMillis(now - replayStart)).line());
    }

    /** Appends each learned example to the example log, with the input position of the record being processed. */
    private ExampleJournal journal() {
        final ParameterSink logSink = staged.staging(log.sink());
        return (sequence, example) -> {
            final RecordMetadata source = current;
            log.append(logSink, sequence, source == null ? "" : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), example);
        };
    }

    /**
     * Stages a checkpoint: every model's changed state and metrics, and the checkpoint record of the example log.
     * The snapshot progress is written by {@link #commitCheckpoint} once the staged writes are applied.
     */
    private void stageCheckpoint() {
        final long previous = core.checkpointed();
        final int before = staged.size();
        core.checkpoint(live::releaseModel); // releases what a snapshot request's record still holds
        deferred.forEach(DeferredSink::flush);
        ExampleLogStore.writeCheckpoint(staged.staging(log.sink()), core.checkpointed());
        LOG.info("task {}: checkpoint {} staged ({} examples since checkpoint {}; {} state entries)",
            context.taskId(), core.checkpointed(), core.checkpointed() - previous, previous, staged.size() - before);
    }

    private void commitCheckpoint() {
        staged.commit();
        snapshots.flush();
    }

    /**
     * Parameter sync applied a merged round: checkpoint now, before the round's first record, so that the example
     * log never spans a round boundary (a restart then needs no sync state), and take the models' locks back.
     */
    private void checkpointAtRound() {
        stageCheckpoint();
        commitCheckpoint();
        live.lockModels();
        context.commit(); // the other tasks wait for this task's next delta: do not wait for the commit interval
    }


    /** Each model's prequential metrics, continuing from the state persisted in {@code store}. */
    private List<PrequentialMetrics> restoredMetrics(final List<OnlineModel> models, final MetricsStateStore store) {
        final List<PrequentialMetrics> metrics = new ArrayList<>();
        for (final OnlineModel model : models) {
            final PrequentialMetrics m = new PrequentialMetrics(model.name(), aucWindow,
                staged.staging(store.sink(model.name())));
            m.restore(store.state(model.name()));
            metrics.add(m);
        }
        return metrics;
    }

    /** Loads the warm-start state of {@code model} into its (empty) store and into the model; returns the entries. */
    private long warmStart(final OnlineModel model, final ModelStateStore store, final String task) {
        final List<StateEntry> entries = snapshotSettings.warmStart().state(model.name(), task).orElse(List.of());
        final long started = System.nanoTime(); // for the log line only
        for (final StateEntry entry : entries) {
            store.put(entry.key(), entry.value());
            model.restore(entry.key(), entry.value());
        }
        if (!entries.isEmpty()) {
            LOG.info("task {}: model {} warm-started from {} state entries (version {}) in {} ms", task, model.name(),
                entries.size(), model.version(), (System.nanoTime() - started) / 1_000_000);
        }
        return entries.size();
    }

    /**
     * Live queries: the record is processed holding the models' locks (see {@link LiveTask}): each model's is
     * released once it has scored and learned the record; a checkpoint or a snapshot after it drains the models
     * without their locks (a drain may run beside a query's predict, see {@link OnlineModel}). A snapshot request
     * holds them until each model is drained.
     */
    @Override
    public void process(final Record<String, Routed> record) {
        live.lockForRecord();
        try {
            if (admitted(record)) {
                current = context.recordMetadata().orElse(null);
                processLocked(record);
            }
        } finally {
            live.unlockAfterRecord(record.timestamp());
        }
    }

    /** With sync on, an input record waits (is held) until the merged rounds before it are applied. */
    private boolean admitted(final Record<String, Routed> record) {
        if (rounds == null || !(record.value() instanceof DecodedEvent || record.value() instanceof SnapshotRequest
            || record.value() instanceof RoundMark)) {
            return true;
        }
        admitting = record.timestamp();
        if (rounds.admit(record.timestamp(), false)) {
            return true;
        }
        rounds.hold(record, context.recordMetadata().orElse(null));
        return false;
    }

    /** Processes held records, oldest first, as far as the merged rounds in the global store allow. */
    private void releaseHeld() {
        long last = Long.MIN_VALUE;
        live.lockForRecord();
        try {
            for (int n = 0; n < RELEASE_BATCH; n++) {
                final HeldRecords.Held held = rounds.oldestHeld();
                if (held == null) {
                    break;
                }
                admitting = held.record().timestamp();
                if (!rounds.admit(held.record().timestamp(), true)) {
                    break;
                }
                rounds.removeOldestHeld();
                current = held.source();
                last = Math.max(last, held.record().timestamp());
                processLocked(held.record());
                live.lockModels();
            }
        } finally {
            live.unlockAfterRecord(last);
        }
    }

    private void processLocked(final Record<String, Routed> record) {
        if (record.value() instanceof DecodedEvent event) {
            score(record, event);
        } else if (record.value() instanceof RoundMark) {
            return; // it closed its rounds on admission; nothing else to do
        } else if (record.value() instanceof SnapshotRequest) {
            snapshots.taken();
            stageCheckpoint();
            commitCheckpoint();
            forwardSnapshot(record, snapshots.snapshot(modelSet, stores, deferred));
        } else {
            context.forward(record);
        }
    }

    private void score(final Record<String, Routed> record, final DecodedEvent event) {
        final UserProfile user = profiles.user(event.userId());
        final ItemProfile item = profiles.item(event.itemId());
        final FeaturizationResult featurized;
        try {
            featurized = core.featurize(event.userId(), event.itemId(), event.eventTime(), event.context(), user,
                item);
        } catch (final RuntimeException e) {
            processingError(record, event, e, false);
            return;
        }
        if (!featurized.fits()) {
            final String detail = featurized == FeaturizationResult.TOO_MANY_FEATURES
                ? featurized.reason() + " (at most " + core.maxFeatures() + ")" : featurized.reason();
            context.forward(record.withValue(Rejection.of(event.rawKey(), event.rawValue(),
                featurized.rejectReason(), detail, current)));
            return;
        }
        final ScoredEvent scoredEvent;
        final boolean snapshotDue;
        final boolean checkpoint;
        try {
            final Example example = core.example(event.type(), event.label(), event.userId(), event.itemId(),
                event.eventTime());
            final List<Prediction> predictions = core.scoreAndLearn(example, live::releaseModel);
            scoredEvent = new ScoredEvent(event.eventId(), event.type(), event.userId(), event.itemId(),
                java.time.Instant.ofEpochMilli(event.eventTime()), event.label(), predictions);
            final RecordMetadata source = current;
            snapshotDue = snapshots.recordEvent(event.eventTime(),
                source == null ? null : source.topic() + "-" + source.partition(), source == null ? -1 : source.offset());
            if (snapshotDue) {
                snapshots.taken();
            }
            checkpoint = core.checkpointDue();
            // Every model's lock is released by now: a drain may run while a live query predicts (OnlineModel).
            if (checkpoint) {
                stageCheckpoint();
            } else if (snapshotDue) {
                modelSet.drainModels(live::releaseModel); // into the deferred sinks: the snapshot reads them there
            }
        } catch (final RuntimeException e) {
            processingError(record, event, e, true);
            return;
        }
        if (checkpoint) {
            commitCheckpoint();
        } else {
            staged.commit();
        }
        context.forward(withSyncRound(record.withValue(new Scored(scoredEvent))));
        scored++;
        reporter.onEvent(scored);
        snapshotAge.onEvent(record.timestamp());
        if (snapshotDue) {
            forwardSnapshot(record, snapshots.snapshot(modelSet, stores, deferred));
        }
    }

    /**
     * Dead-letters the current record as {@link RejectReason#PROCESSING_ERROR}; if the models may have changed,
     * forgets the record's staged writes and rebuilds the task from its stores.
     */
    private void processingError(final Record<String, Routed> record, final DecodedEvent event,
                                 final RuntimeException e, final boolean modelsTouched) {
        processingErrors++;
        final RecordMetadata source = current;
        final String where = source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset();
        if (Long.bitCount(processingErrors) == 1) {
            LOG.error("task {}: processing {} threw; dead-lettered as PROCESSING_ERROR, models rolled back "
                + "(processing errors so far: {})", context.taskId(), where, processingErrors, e);
        } else {
            LOG.warn("task {}: processing {} threw {}; dead-lettered as PROCESSING_ERROR (processing errors so far: "
                + "{})", context.taskId(), where, e.toString(), processingErrors);
        }
        if (modelsTouched) {
            staged.discard();
            live.lockModels();
            loadModels();
        }
        context.forward(record.withValue(Rejection.of(event.rawKey(), event.rawValue(), RejectReason.PROCESSING_ERROR,
            e.getClass().getName() + ": " + e.getMessage(), source)));
    }

    /** With sync on, the scored event names the last merged round its predictions used. */
    private Record<String, Routed> withSyncRound(final Record<String, Routed> scored) {
        if (rounds == null) {
            return scored;
        }
        final RecordHeaders headers = new RecordHeaders(scored.headers().toArray());
        headers.remove(SYNC_ROUND_HEADER);
        headers.add(SYNC_ROUND_HEADER, Long.toString(rounds.lastApplied()).getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
        return scored.withHeaders(headers);
    }

    private void forwardSnapshot(final Record<String, Routed> record, final List<SnapshotEncoder.KeyedRecord> parts) {
        for (final SnapshotEncoder.KeyedRecord part : parts) {
            context.forward(record.withKey(part.key()).withValue(new SnapshotPart(part.key(), part.value()))
                .withHeaders(new RecordHeaders()));
        }
        if (!parts.isEmpty()) {
            snapshotAge.snapshotEmitted(record.timestamp());
        }
    }

    @Override
    public void close() {
        if (live != null) {
            live.unregister();
        }
        if (reporter != null) {
            reporter.close();
        }
        if (snapshotAge != null) {
            snapshotAge.close();
        }
    }
}
