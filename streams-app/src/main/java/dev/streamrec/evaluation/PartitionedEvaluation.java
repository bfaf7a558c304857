package dev.streamrec.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.events.EventValidator;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ExampleJournal;
import dev.streamrec.learning.ModelCore;
import dev.streamrec.learning.ModelSet;
import dev.streamrec.learning.sync.DeltaCodec;
import dev.streamrec.learning.sync.RoundDelta;
import dev.streamrec.learning.sync.RoundMerger;
import dev.streamrec.learning.sync.TaskSync;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.RatingEvent;

/**
 * The in-process simulation of N stream tasks with or without parameter sync (docs/shared-model.md): replays a
 * source in event-time order like {@link Evaluation}, hands each event to the task its user's partition gives, runs
 * one {@link ModelCore} per task, and, with sync on, closes round r of every task when the stream reaches
 * {@code (r + 1) * roundMillis} (every task sees the round mark), extracts every task's delta, merges them and
 * applies merged round r at the start of round {@code r + staleness}. One set of prequential metrics covers every
 * task's events. Not covered: Kafka, holding input, crashes (the design's other half).
 */
public final class PartitionedEvaluation {
    /**
     * Sync settings: {@code roundMillis == 0} is off (independent models per task); dense tensors are synced every
     * {@code denseEveryRounds} rounds ({@link TaskSync}).
     */
    public record Sync(long roundMillis, int staleness, int denseEveryRounds) {
        public static final Sync OFF = new Sync(0, 1, 1);

        public Sync {
            if (roundMillis < 0 || staleness < 1 || denseEveryRounds < 1) {
                throw new IllegalArgumentException("sync round " + roundMillis + " ms, staleness " + staleness
                    + ", dense every " + denseEveryRounds + " rounds: the round must be >= 0 ms (0 = off), the "
                    + "staleness and the dense interval >= 1 round");
            }
        }

        /** Dense tensors synced every round. */
        public Sync(final long roundMillis, final int staleness) {
            this(roundMillis, staleness, 1);
        }

        public boolean on() {
            return roundMillis > 0;
        }
    }

    /**
     * @param metrics     per model, over every task's events
     * @param deltaBytes  encoded bytes of every task's round deltas
     * @param mergedBytes encoded bytes of the merged rounds (one copy each)
     * @param mergedBytesByPart of {@code mergedBytes}, what each shared part took (its name, kind and contents)
     */
    public record Result(long events, Map<String, Long> rejected, long[] eventsPerTask, List<MetricsSnapshot> metrics,
                         long rounds, long deltaBytes, long mergedBytes, Map<String, Long> mergedBytesByPart,
                         double seconds) {
    }

    private final FeatureConfig features;
    private final EventValidator validator;
    private final Supplier<List<OnlineModel>> models;
    private final int partitions;
    private final ToIntFunction<String> partitioner;
    private final Sync sync;
    private final long maxEvents;

    /**
     * @param partitioner the partition of a user id (Kafka's default partitioner in production; in
     *                    {@code 0 .. partitions - 1})
     */
    public PartitionedEvaluation(final FeatureConfig features, final ValidationConfig validation,
                                 final Supplier<List<OnlineModel>> models, final int partitions,
                                 final ToIntFunction<String> partitioner, final Sync sync, final long maxEvents) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        this.features = features;
        this.validator = new EventValidator(validation);
        this.models = models;
        this.partitions = partitions;
        this.partitioner = partitioner;
        this.sync = sync;
        this.maxEvents = maxEvents;
    }

    public Result run(final EventSource source) {
        return run(source, (eventId, predictions) -> { });
    }

    /** As {@link #run(EventSource)}, telling {@code scored} every event's id and predictions, in stream order. */
    public Result run(final EventSource source, final BiConsumer<String, List<Prediction>> scored) {
        final long[] total = {0};
        source.replay(new EventSink() {
            @Override
            public void rating(final RatingEvent event) {
                total[0]++;
            }

            @Override
            public void impression(final ImpressionEvent event) {
                total[0]++;
            }
        });
        final Replay replay = new Replay((int) Math.max(1, Math.min(Integer.MAX_VALUE - 8,
            Math.min(maxEvents, total[0]))), scored);
        final long start = System.nanoTime();
        source.replay(replay);
        final List<MetricsSnapshot> snapshots = replay.metrics.stream().map(PrequentialMetrics::snapshot).toList();
        return new Result(replay.events, replay.rejected, replay.eventsPerTask, snapshots, replay.rounds,
            replay.deltaBytes, replay.mergedBytes, Collections.unmodifiableMap(replay.mergedBytesByPart),
            (System.nanoTime() - start) / 1e9);
    }

    /** One task: its models, its loop, its side of the sync. */
    private record Task(ModelCore core, TaskSync sync) {
    }

    private final class Replay extends ValidatedReplay {
        private final List<Task> tasks = new ArrayList<>();
        private final BiConsumer<String, List<Prediction>> scored;
        private final List<PrequentialMetrics> metrics = new ArrayList<>();
        private final TreeMap<Long, RoundDelta> merged = new TreeMap<>();
        private final long[] eventsPerTask = new long[partitions];
        private long events;
        private long openRound = Long.MIN_VALUE;
        private long rounds;
        private long deltaBytes;
        private long mergedBytes;
        private final Map<String, Long> mergedBytesByPart = new TreeMap<>();

        /** @param aucWindow clicks the AUC covers: all of them */
        Replay(final int aucWindow, final BiConsumer<String, List<Prediction>> scored) {
            super(validator);
            this.scored = scored;
            for (int t = 0; t < partitions; t++) {
                final List<OnlineModel> created = models.get();
                // the tasks' own metrics are not reported: one small window each
                final ModelSet set = new ModelSet(created, Collections.nCopies(created.size(), ModelSet.DISCARD), 1);
                final ModelCore core = new ModelCore(new ExampleFactory(features), set, ExampleJournal.ENCODE_ONLY,
                    ModelCore.DEFAULT_CHECKPOINT_EVERY, 0);
                tasks.add(new Task(core, sync.on() ? new TaskSync(t, created, sync.denseEveryRounds()) : null));
                if (t == 0) {
                    created.forEach(m -> metrics.add(new PrequentialMetrics(m.name(), aucWindow)));
                }
            }
        }

        @Override
        boolean wantsMore() {
            return events < maxEvents;
        }

        @Override
        void event(final EventType type, final String eventId, final String userId, final String itemId, final long time,
                   final double label, final Attributes context) {
            if (sync.on()) {
                advanceRounds(Math.floorDiv(time, sync.roundMillis()));
            }
            final int partition = partitioner.applyAsInt(userId);
            if (partition < 0 || partition >= partitions) {
                throw new IllegalStateException("partitioner gave " + partition + " for user " + userId + " of "
                    + partitions + " partitions");
            }
            final ModelCore core = tasks.get(partition).core();
            final FeaturizationResult featurized = core.featurize(userId, itemId, time, context, user(userId),
                item(itemId));
            if (!featurized.fits()) {
                reject(featurized.rejectReason().name());
                return;
            }
            final Example example = core.example(type, label, userId, itemId, time);
            final List<Prediction> predictions = core.scoreAndLearn(example);
            scored.accept(eventId, predictions);
            for (int i = 0; i < predictions.size(); i++) {
                metrics.get(i).record(example.task(), example.label(), predictions.get(i).getScore());
            }
            if (core.checkpointDue()) {
                core.checkpoint();
            }
            eventsPerTask[partition]++;
            events++;
        }

        /** Closes every round before {@code round} in every task; applies each merged round when it is due. */
        private void advanceRounds(final long round) {
            if (openRound == Long.MIN_VALUE) {
                openRound = round;
                return;
            }
            while (openRound < round) {
                final List<RoundDelta> deltas = new ArrayList<>(partitions);
                for (final Task task : tasks) {
                    final RoundDelta delta = task.sync().extract(openRound);
                    deltaBytes += DeltaCodec.encode(delta).length;
                    deltas.add(delta);
                }
                final RoundDelta mergedRound = RoundMerger.merge(deltas, partitions, openRound);
                mergedBytes += DeltaCodec.encode(mergedRound).length;
                mergedRound.parts().forEach((name, part) ->
                    mergedBytesByPart.merge(name, (long) DeltaCodec.encodedSize(name, part), Long::sum));
                merged.put(openRound, mergedRound);
                rounds++;
                openRound++;
                final RoundDelta due = merged.remove(openRound - sync.staleness());
                if (due != null) {
                    tasks.forEach(task -> task.sync().apply(due));
                }
            }
        }
    }
}
