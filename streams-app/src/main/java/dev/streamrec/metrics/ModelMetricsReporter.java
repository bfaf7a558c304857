package dev.streamrec.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamrec.models.OnlineModel;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.slf4j.Logger;

/**
 * Publishes each model's prequential metrics of one stream task as Kafka Streams metrics (group
 * {@code streamrec-models}, tags {@code task-id} and {@code model}): {@code auc}, {@code log-loss}, {@code mae},
 * {@code rmse}, {@code genre-micro-f1}, {@code genre-macro-f1}, {@code version}, {@code parameter-count},
 * {@code events}, and the learn times of the calls since the previous refresh.
 *
 * <p>"No value yet" is NaN, never 0: a metric without data (no click yet, an AUC window without both classes, no
 * rating, no genre prediction, no learn call since the last refresh) reads NaN, which Prometheus exposes as
 * {@code NaN} and which no comparison in an alert rule matches. The gauges hold real values (restored ones after a
 * restart) from the moment the task starts. The metrics themselves are updated per event; the gauges are
 * refreshed every {@link #REFRESH_EVERY} events, at every log line, and by the owner's wall-clock punctuation
 * every {@link #REFRESH_INTERVAL} ({@link #refresh()}), so a quiet or a fresh deployment shows current values.
 * Refreshing only reads the metrics: it changes nothing the topology computes or writes.
 */
public final class ModelMetricsReporter {
    public static final String GROUP = "streamrec-models";
    /** How often the owner should call {@link #refresh()} on the wall clock (monitoring only). */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    static final int REFRESH_EVERY = 256;
    private static final String[] GAUGES = {"auc", "log-loss", "mae", "rmse", "genre-micro-f1", "genre-macro-f1",
        "version", "parameter-count", "events", "learn-time-max-ms", "learn-time-avg-ms", "learn-time-total-ms"};
    private static final double NANOS_PER_MS = 1e6;

    private final StreamsMetrics streamsMetrics;
    private final String taskId;
    private final List<OnlineModel> models;
    private final List<PrequentialMetrics> metrics;
    private final List<LearnTimer> learnTimers;
    private final List<Sensor[]> sensors = new ArrayList<>();

    public ModelMetricsReporter(final StreamsMetrics streamsMetrics, final String taskId,
                                final List<OnlineModel> models, final List<PrequentialMetrics> metrics,
                                final List<LearnTimer> learnTimers) {
        this.streamsMetrics = streamsMetrics;
        this.taskId = taskId;
        this.models = models;
        this.metrics = metrics;
        this.learnTimers = learnTimers;
        for (final OnlineModel model : models) {
            final Sensor[] modelSensors = new Sensor[GAUGES.length];
            for (int g = 0; g < GAUGES.length; g++) {
                modelSensors[g] = streamsMetrics.addSensor(
                    "streamrec.model." + taskId + "." + model.name() + "." + GAUGES[g], Sensor.RecordingLevel.INFO);
                modelSensors[g].add(new MetricName(GAUGES[g], GROUP, "Prequential " + GAUGES[g] + " of the model",
                    Map.of("task-id", taskId, "model", model.name())), new Value());
            }
            sensors.add(modelSensors);
        }
        refresh();
    }

    /** Called after every scored event; refreshes the gauges every {@link #REFRESH_EVERY} events. */
    public void onEvent(final long eventsScored) {
        if (eventsScored % REFRESH_EVERY == 0) {
            refresh();
        }
    }

    /** Sets every gauge to the current value of its metric (NaN where there is none yet). */
    public void refresh() {
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            final MetricsSnapshot s = metrics.get(i).snapshot();
            final LearnTimer timer = learnTimers.get(i);
            final LearnTimer.Window window = timer.drainWindow();
            final double[] values = {s.auc(), s.logLoss(), s.mae(), s.rmse(), s.microF1(), s.macroF1(),
                model.version(), model.parameterCount(), s.clickCount() + s.ratingCount(),
                window.calls() == 0 ? Double.NaN : window.maxNanos() / NANOS_PER_MS,
                window.calls() == 0 ? Double.NaN : window.meanNanos() / NANOS_PER_MS, timer.totalNanos() / NANOS_PER_MS};
            final Sensor[] modelSensors = sensors.get(i);
            for (int g = 0; g < GAUGES.length; g++) {
                modelSensors[g].record(values[g]);
            }
        }
    }

    /** Logs one line per model, at a stream-time punctuation. */
    public void log(final Logger log, final long streamTime) {
        refresh();
        for (int i = 0; i < models.size(); i++) {
            final MetricsSnapshot s = metrics.get(i).snapshot();
            final String genres = s.itemCount() == 0 ? "" : String.format(java.util.Locale.ROOT,
                " genre micro-F1 %.4f macro-F1 %.4f (items %d)", s.microF1(), s.macroF1(), s.itemCount());
            log.info("task {} stream-time {} model {} v{} params {}: AUC {} logloss {} (clicks {}) MAE {} RMSE {} "
                    + "(ratings {}){}", taskId, java.time.Instant.ofEpochMilli(streamTime), s.model(),
                models.get(i).version(), models.get(i).parameterCount(), fmt(s.auc()), fmt(s.logLoss()),
                s.clickCount(), fmt(s.mae()), fmt(s.rmse()), s.ratingCount(), genres);
        }
    }

    private static String fmt(final double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** Removes this task's sensors. */
    public void close() {
        sensors.forEach(group -> {
            for (final Sensor sensor : group) {
                streamsMetrics.removeSensor(sensor);
            }
        });
        sensors.clear();
    }
}
