package dev.streamrec.metrics;

import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The age of one stream task's last model snapshot, in stream time: {@code snapshot-age-ms} = the task's stream
 * time (largest event timestamp seen) minus the stream time at which the last snapshot was emitted, as a Kafka
 * Streams metric in group {@value #GROUP} (tag {@code task-id}); NaN until the first snapshot. Also
 * {@code snapshot-stream-time-ms}, the stream time of the last snapshot.
 *
 * <p>The scoring processor feeds the stream time through {@link #onEvent(long)} and calls
 * {@link #snapshotEmitted(long)} whenever it writes the task's snapshots to the {@code model-snapshots} topic.
 */
public final class SnapshotAgeGauge {
    public static final String GROUP = "streamrec-snapshots";
    static final int REFRESH_EVERY = 256;

    private final StreamsMetrics streamsMetrics;
    private final Sensor age;
    private final Sensor snapshotTime;
    private long streamTime = Long.MIN_VALUE;
    private long lastSnapshot = Long.MIN_VALUE;
    private long events;

    public SnapshotAgeGauge(final StreamsMetrics streamsMetrics, final String taskId) {
        this.streamsMetrics = streamsMetrics;
        final Map<String, String> tags = Map.of("task-id", taskId);
        this.age = streamsMetrics.addSensor("streamrec.snapshot." + taskId + ".age", Sensor.RecordingLevel.INFO);
        age.add(new MetricName("snapshot-age-ms", GROUP,
            "Stream time since the last model snapshot was emitted (NaN before the first)", tags), new Value());
        this.snapshotTime = streamsMetrics.addSensor("streamrec.snapshot." + taskId + ".time",
            Sensor.RecordingLevel.INFO);
        snapshotTime.add(new MetricName("snapshot-stream-time-ms", GROUP,
            "Stream time (event time, epoch ms) of the last model snapshot (NaN before the first)", tags),
            new Value());
        age.record(Double.NaN);
        snapshotTime.record(Double.NaN);
    }

    /** Advances the stream time with an event's timestamp; refreshes the gauge every {@value #REFRESH_EVERY}. */
    public void onEvent(final long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
        if (++events % REFRESH_EVERY == 0) {
            refresh();
        }
    }

    /** A snapshot was emitted at this stream time. */
    public void snapshotEmitted(final long snapshotStreamTime) {
        lastSnapshot = snapshotStreamTime;
        streamTime = Math.max(streamTime, snapshotStreamTime);
        snapshotTime.record(snapshotStreamTime);
        refresh();
    }

    /** Stream time since the last snapshot in ms, or NaN before the first. */
    public double ageMillis() {
        return lastSnapshot == Long.MIN_VALUE ? Double.NaN : (double) (streamTime - lastSnapshot);
    }

    /** Sets the age gauge to {@link #ageMillis()} (the owner also calls this on the wall clock; monitoring only). */
    public void refresh() {
        age.record(ageMillis());
    }

    /** Removes this task's sensors. */
    public void close() {
        streamsMetrics.removeSensor(age);
        streamsMetrics.removeSensor(snapshotTime);
    }
}
