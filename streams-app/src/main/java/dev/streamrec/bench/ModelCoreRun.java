package dev.streamrec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ExampleJournal;
import dev.streamrec.learning.ModelCore;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.learning.ModelSet;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.schema.Prediction;
import dev.streamrec.topology.StreamrecConfig;

/**
 * One pass of a recorded stream through the model core, through the loop the topology runs ({@link ModelCore}):
 * featurize, score with every model before any learns, learn, encode the example-log record, and checkpoint every
 * {@code streamrec.checkpoint.every.events} (drain each model's changed state). Models start fresh for every pass.
 *
 * <p>What the time includes: featurization from the Avro profiles, prediction, the update, the prequential metrics,
 * the {@code Prediction} objects of the scored event, encoding the example-log record and, at checkpoints, every
 * changed state entry ({@code drainChanges}). It excludes the state store writes and their changelog records
 * ({@link ModelSet#DISCARD} drops the encoded bytes), Avro (de)serialization of the events and all of Kafka: those
 * belong to the end-to-end figure.
 */
public final class ModelCoreRun {
    private final List<String> models;
    private final Map<String, String> properties;
    private final FeatureConfig features;
    private final ValidationConfig validation;
    private final int aucWindow;
    private final int checkpointEvery;

    /**
     * @param models     model names, in order (each one of {@link ModelFactory#KNOWN})
     * @param properties model and feature settings ({@code lr.*}, {@code lcwd.*}, {@code deepmix.*},
     *                   {@code features.*}, validation)
     * @param aucWindow  click events the reported AUC covers
     */
    public ModelCoreRun(final List<String> models, final Map<String, String> properties, final int aucWindow) {
        this.models = List.copyOf(models);
        this.properties = Map.copyOf(properties);
        this.features = FeatureConfig.fromProperties(properties);
        this.validation = ValidationConfig.fromProperties(properties);
        this.aucWindow = aucWindow;
        this.checkpointEvery = Integer.parseInt(properties.getOrDefault(StreamrecConfig.CHECKPOINT_EVERY_EVENTS,
            String.valueOf(ModelCore.DEFAULT_CHECKPOINT_EVERY)));
    }

    /** Sees each scored example and its predictions (made before the models learned it); must not keep the example. */
    public interface Observer {
        void scored(BenchEvent event, Example example, List<Prediction> predictions);
    }

    /**
     * Timing and quality of one pass.
     *
     * @param events       events scored and learned
     * @param rejected     events the featurizer rejected (the topology would dead-letter them)
     * @param nanos        wall-clock time of the pass
     * @param cpuNanos     CPU time of the calling thread (less disturbed by other processes on the machine)
     * @param parameters   parameters held by all models at the end
     * @param metrics      each model's prequential metrics at the end
     */
    public record Pass(long events, long rejected, long nanos, long cpuNanos, long parameters,
                       List<MetricsSnapshot> metrics) {
        public double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        public double eventsPerCpuSecond() {
            return events * 1e9 / cpuNanos;
        }
    }

    public List<String> models() {
        return models;
    }

    public FeatureConfig features() {
        return features;
    }

    /** Runs {@code events} through fresh models. */
    public Pass run(final List<BenchEvent> events) {
        return run(events, null);
    }

    /** Runs {@code events} through fresh models, showing each scored example to {@code observer} (may be null). */
    public Pass run(final List<BenchEvent> events, final Observer observer) {
        final List<OnlineModel> fresh = new ModelFactory(models, properties, features, validation).get();
        final List<ParameterSink> sinks = Collections.nCopies(fresh.size(), ModelSet.DISCARD);
        final ModelSet set = new ModelSet(fresh, sinks, aucWindow);
        // The example log record is encoded as the topology's, and dropped.
        final ModelCore core = new ModelCore(new ExampleFactory(features), set,
            ExampleJournal.ENCODE_ONLY, checkpointEvery, 0);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long rejected = 0;
        final long cpu0 = threads.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        for (final BenchEvent e : events) {
            if (!core.featurize(e.userId(), e.itemId(), e.eventTime(), e.context(), e.user(), e.item()).fits()) {
                rejected++;
                continue;
            }
            final Example example = core.example(e.type(), e.label(), e.userId(), e.itemId(), e.eventTime());
            final List<Prediction> predictions = core.scoreAndLearn(example);
            if (observer != null) {
                observer.scored(e, example, predictions);
            }
            if (core.checkpointDue()) {
                core.checkpoint();
            }
        }
        final long nanos = System.nanoTime() - t0;
        final long cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
        long parameters = 0;
        for (final OnlineModel model : set.models()) {
            parameters += model.parameterCount();
        }
        return new Pass(events.size() - rejected, rejected, nanos, cpuNanos, parameters,
            set.metrics().stream().map(PrequentialMetrics::snapshot).toList());
    }
}
