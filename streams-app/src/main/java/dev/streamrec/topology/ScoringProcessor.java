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
import dev.streamrec.learning.ModelSet;
import dev.streamrec.metrics.ModelMetricsReporter;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.metrics.SnapshotAgeGauge;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.query.LiveModels; // live queries (#17)
import dev.streamrec.query.LiveTask; // live queries (#17)
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
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
 * The heart of streamrec: enriches each decoded event with the user's and the item's profile, featurizes it, has
 * every model score it <em>before</em> learning from it (prequential), forwards the scored event, then lets every
 * model learn and persist its changes. Rejections from upstream pass through to the dead-letter route.
 *
 * <p>A record whose scoring or learning throws is dead-lettered as {@link RejectReason#PROCESSING_ERROR} and leaves
 * every model as if it never arrived: the store writes of a record are staged ({@link StagedWrites}) and applied
 * only once every model has learned it, the scored event is forwarded only then, and after a failure the
 * in-memory models and metrics are reloaded from the stores, which still hold the state before the record. Under
 * exactly-once a crash at any point aborts the transaction holding the record's writes and outputs.
 *
 * <p>Everything here is driven by the records and by stream time, never the wall clock, so replaying the same
 * input gives the same output bit for bit. (The one wall-clock punctuation only refreshes monitoring gauges.)
 */
final class ScoringProcessor implements Processor<String, Routed, String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final Supplier<List<OnlineModel>> modelFactory;
    private final ExampleFactory examples;
    private final Deserializer<ItemProfile> itemDeserializer;
    private final String itemsTopic;
    private final int aucWindow;
    private final Duration logInterval;
    private final SnapshotSettings snapshotSettings;

    private ProcessorContext<String, Routed> context;
    private ProfileStores profiles;
    private ModelSet modelSet;
    private ModelMetricsReporter reporter;
    private SnapshotAgeGauge snapshotAge;
    private List<ModelStateStore> stores;
    private TaskSnapshots snapshots;
    private final StagedWrites staged = new StagedWrites();
    private long scored;
    private long processingErrors;
    /** Live queries (#17): this task's models as HTTP queries see them, and the lock that keeps them apart. */
    private LiveTask live;

    ScoringProcessor(final Supplier<List<OnlineModel>> modelFactory, final FeatureConfig features,
                     final Deserializer<ItemProfile> itemDeserializer, final String itemsTopic, final int aucWindow,
                     final Duration logInterval, final SnapshotSettings snapshotSettings) {
        this.modelFactory = modelFactory;
        this.examples = new ExampleFactory(features);
        this.itemDeserializer = itemDeserializer;
        this.itemsTopic = itemsTopic;
        this.aucWindow = aucWindow;
        this.logInterval = logInterval;
        this.snapshotSettings = snapshotSettings;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.profiles = ProfileStores.lookup(context, itemDeserializer, itemsTopic);
        final String task = context.taskId().toString();
        this.snapshots = new TaskSnapshots(snapshotSettings.everyEvents(), snapshotSettings.everyMs(),
            snapshotSettings.chunkBytes(), snapshotSettings.modelConfiguration(), task, context.taskId().partition(),
            SnapshotProgressStore.lookup(context));
        this.snapshotAge = new SnapshotAgeGauge(context.metrics(), task);
        this.live = LiveModels.from(context.appConfigs()).register(task, context.taskId().partition()); // #17
        loadModels();
        context.schedule(logInterval, PunctuationType.STREAM_TIME, streamTime -> reporter.log(LOG, streamTime));
        // Monitoring only: sets gauge values from the metrics on the wall clock; forwards nothing, changes no state.
        context.schedule(ModelMetricsReporter.REFRESH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
            reporter.refresh();
            snapshotAge.refresh();
        });
    }

    /**
     * (Re)builds the in-memory models and their metrics from the stores (or, for an empty model store, from the
     * warm start), wired to persist through {@link #staged}.
     */
    private void loadModels() {
        final List<OnlineModel> models = modelFactory.get();
        final List<ModelStateStore> stores = new ArrayList<>();
        // Monitoring only (how long the in-memory models take to load from their stores), never processing input.
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
        this.modelSet = new ModelSet(models, stores.stream().map(staged::staging).toList(), aucWindow,
            restoredMetrics(models, MetricsStateStore.lookup(context)));
        live.publish(modelSet.models()); // live queries (#17)
        if (reporter != null) {
            reporter.close();
        }
        this.reporter = new ModelMetricsReporter(context.metrics(), task, modelSet.models(), modelSet.metrics(),
            modelSet.learnTimers());
        LOG.info("task {}: models {} ready, {} state entries loaded from the stores in {} ms", task,
            modelSet.models().stream().map(OnlineModel::name).toList(), restored,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart));
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

    /** Live queries (#17): the record is processed under the task's query lock (see {@link LiveTask}). */
    @Override
    public void process(final Record<String, Routed> record) {
        live.lockForRecord();
        try {
            processLocked(record);
        } finally {
            live.unlockAfterRecord(record.timestamp());
        }
    }

    private void processLocked(final Record<String, Routed> record) {
        if (record.value() instanceof DecodedEvent event) {
            score(record, event);
        } else if (record.value() instanceof SnapshotRequest) {
            forwardSnapshot(record, snapshots.requested(modelSet, stores));
        } else {
            context.forward(record);
        }
    }

    private void score(final Record<String, Routed> record, final DecodedEvent event) {
        final UserProfile user = profiles.user(event.userId());
        final ItemProfile item = profiles.item(event.itemId());
        final FeaturizationResult featurized;
        try {
            featurized = examples.featurize(event.userId(), event.itemId(), event.eventTime(), event.context(), user,
                item);
        } catch (final RuntimeException e) {
            processingError(record, event, e, false);
            return;
        }
        if (!featurized.fits()) {
            final String detail = featurized == FeaturizationResult.TOO_MANY_FEATURES
                ? featurized.reason() + " (at most " + examples.maxFeatures() + ")" : featurized.reason();
            context.forward(record.withValue(Rejection.of(event.rawKey(), event.rawValue(),
                featurized.rejectReason(), detail, context.recordMetadata().orElse(null))));
            return;
        }
        final ScoredEvent scoredEvent;
        try {
            final Example example = examples.example(event.type(), event.label(), event.userId(), event.itemId(),
                event.eventTime());
            final List<Prediction> predictions = modelSet.score(example);
            scoredEvent = new ScoredEvent(event.eventId(), event.type(), event.userId(), event.itemId(),
                java.time.Instant.ofEpochMilli(event.eventTime()), event.label(), predictions);
            modelSet.learn(example);
        } catch (final RuntimeException e) {
            processingError(record, event, e, true);
            return;
        }
        staged.commit();
        context.forward(record.withValue(new Scored(scoredEvent)));
        scored++;
        reporter.onEvent(scored);
        snapshotAge.onEvent(record.timestamp());
        emitSnapshots(record, event);
    }

    /**
     * Dead-letters the current record as {@link RejectReason#PROCESSING_ERROR}; if the models may have changed,
     * forgets the record's staged writes and reloads every model and metric from the stores.
     */
    private void processingError(final Record<String, Routed> record, final DecodedEvent event,
                                 final RuntimeException e, final boolean modelsTouched) {
        processingErrors++;
        final RecordMetadata source = context.recordMetadata().orElse(null);
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
            loadModels();
        }
        context.forward(record.withValue(Rejection.of(event.rawKey(), event.rawValue(), RejectReason.PROCESSING_ERROR,
            e.getClass().getName() + ": " + e.getMessage(), source)));
    }

    private void emitSnapshots(final Record<String, Routed> record, final DecodedEvent event) {
        final RecordMetadata source = context.recordMetadata().orElse(null);
        final String topicPartition = source == null ? null : source.topic() + "-" + source.partition();
        forwardSnapshot(record, snapshots.afterEvent(event.eventTime(), topicPartition,
            source == null ? -1 : source.offset(), modelSet, stores));
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
            live.unregister(); // live queries (#17)
        }
        if (reporter != null) {
            reporter.close();
        }
        if (snapshotAge != null) {
            snapshotAge.close();
        }
    }
}
