package dev.streamrec.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

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
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.ItemClassifier;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;

/**
 * Replays an {@link EventSource} through fresh models on the calling thread, the way one stream task of the
 * topology would see it: profiles and events validated by the same {@link EventValidator}, featurized by the same
 * {@link ExampleFactory}, scored before learning through the same loop ({@link ModelCore}), checkpoints included.
 * Nothing is persisted (the example-log records are encoded and dropped, the models' changes go to
 * {@link ModelSet#DISCARD}).
 *
 * <p>Prequential: every event is measured. Offline: the first {@code trainFraction} of the events is learned
 * without being measured, then the metrics start afresh and the frozen models score the rest (each item's genres
 * predicted once, at its first event there).
 */
public final class Evaluation {
    private final FeatureConfig features;
    private final EventValidator validator;
    private final Supplier<List<OnlineModel>> models;
    private final EvaluationSettings settings;

    /**
     * @param models creates the configured models (the topology's {@link dev.streamrec.learning.ModelFactory})
     */
    public Evaluation(final FeatureConfig features, final ValidationConfig validation,
                      final Supplier<List<OnlineModel>> models, final EvaluationSettings settings) {
        this.features = features;
        this.validator = new EventValidator(validation);
        this.models = models;
        this.settings = settings;
    }

    /** Replays the source twice (first to count its events) and measures. */
    public EvaluationResult run(final String sourceName, final EventSource source) {
        return run(sourceName, source, EvaluationProgress.NONE);
    }

    /** As {@link #run(String, EventSource)}, telling {@code progress} after every event. */
    public EvaluationResult run(final String sourceName, final EventSource source, final EvaluationProgress progress) {
        final long total = Math.min(settings.maxEvents(), countEvents(source));
        final long train = settings.protocol() == Protocol.OFFLINE ? (long) Math.floor(total * settings.trainFraction())
            : 0;
        final int aucWindow = settings.aucWindow() > 0 ? settings.aucWindow()
            : (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, total - train));
        final List<OnlineModel> created = models.get();
        final ModelSet set = new ModelSet(created, Collections.nCopies(created.size(), ModelSet.DISCARD), aucWindow);
        final Replay replay = new Replay(set, total, train, progress);
        final long start = System.nanoTime();
        source.replay(replay);
        final double seconds = (System.nanoTime() - start) / 1e9;
        replay.curvePoint();
        final long[] nanos = set.nanos();
        final List<ModelResult> results = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            final double modelSeconds = nanos[i] / 1e9;
            results.add(new ModelResult(created.get(i).name(), created.get(i).parameterCount(),
                set.metrics().get(i).snapshot(), modelSeconds,
                modelSeconds > 0 ? replay.events / modelSeconds : Double.NaN, replay.curves.get(i),
                set.metrics().get(i).perLabel(),
                created.get(i) instanceof ItemClassifier classifier ? classifier.labelNames() : List.of()));
        }
        return new EvaluationResult(sourceName, settings, replay.events, Math.min(train, replay.events),
            replay.rejected, seconds, results);
    }

    private static long countEvents(final EventSource source) {
        final long[] n = {0};
        source.replay(new EventSink() {
            @Override
            public void rating(final RatingEvent event) {
                n[0]++;
            }

            @Override
            public void impression(final ImpressionEvent event) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** The receiving end of one replay: profiles into maps, events through the model set. */
    private final class Replay extends ValidatedReplay {
        private final ModelSet set;
        private final ModelCore core;
        private final long total;
        private final long train;
        private final long stride;
        private final List<List<CurvePoint>> curves = new ArrayList<>();
        private final EvaluationProgress progress;
        private final Supplier<List<MetricsSnapshot>> running;
        private long events;
        private long lastCurveAt = -1;

        Replay(final ModelSet set, final long total, final long train, final EvaluationProgress progress) {
            super(validator);
            this.set = set;
            // The stream task's loop: the example-log record is encoded (and dropped), checkpoints drain the models.
            this.core = new ModelCore(new ExampleFactory(features), set,
                ExampleJournal.ENCODE_ONLY, ModelCore.DEFAULT_CHECKPOINT_EVERY, 0);
            this.progress = progress;
            this.running = () -> set.metrics().stream().map(PrequentialMetrics::snapshot).toList();
            this.total = total;
            this.train = train;
            this.stride = Math.max(1, (total - train) / settings.curvePoints());
            set.models().forEach(m -> curves.add(new ArrayList<>()));
        }

        @Override
        boolean wantsMore() {
            return events < total;
        }

        @Override
        void event(final EventType type, final String eventId, final String userId, final String itemId, final long time,
                   final double label, final Attributes context) {
            final FeaturizationResult featurized = core.featurize(userId, itemId, time, context,
                user(userId), item(itemId));
            if (!featurized.fits()) {
                reject(featurized.rejectReason().name());
                return;
            }
            final Example example = core.example(type, label, userId, itemId, time);
            if (settings.protocol() == Protocol.PREQUENTIAL || events < train) {
                core.scoreAndLearn(example);
                if (core.checkpointDue()) {
                    core.checkpoint();
                }
            } else {
                if (events == train) {
                    set.resetMetrics();
                }
                set.score(example);
                set.evaluate(example);
            }
            events++;
            if (events > train && (events - train) % stride == 0) {
                curvePoint();
            }
            progress.update(events, total, running);
        }

        /** Records every model's metrics now, once per event count. */
        void curvePoint() {
            if (events <= train || events == lastCurveAt) {
                return;
            }
            lastCurveAt = events;
            for (int i = 0; i < curves.size(); i++) {
                curves.get(i).add(new CurvePoint(events - train, set.metrics().get(i).snapshot()));
            }
        }
    }
}
