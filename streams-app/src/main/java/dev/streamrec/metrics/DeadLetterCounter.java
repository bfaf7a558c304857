package dev.streamrec.metrics;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Counts dead-lettered records per task and reason, as Kafka Streams metrics in group {@code streamrec-dead-letters}
 * ({@code dead-letter-total} and {@code dead-letter-rate}, tagged {@code task-id} and {@code reason}).
 */
public final class DeadLetterCounter {
    public static final String GROUP = "streamrec-dead-letters";

    private final StreamsMetrics metrics;
    private final String taskId;
    private final Map<String, Sensor> sensors = new HashMap<>();
    private long total;

    public DeadLetterCounter(final StreamsMetrics metrics, final String taskId) {
        this.metrics = metrics;
        this.taskId = taskId;
    }

    /** Counts one rejected record with its reason code. */
    public void count(final String reason) {
        total++;
        sensors.computeIfAbsent(reason, this::newSensor).record();
    }

    /** Records dead-lettered by this task since it started. */
    public long total() {
        return total;
    }

    private Sensor newSensor(final String reason) {
        final Sensor sensor = metrics.addSensor("streamrec.dead-letters." + taskId + "." + reason,
            Sensor.RecordingLevel.INFO);
        final Map<String, String> tags = Map.of("task-id", taskId, "reason", reason);
        sensor.add(new MetricName("dead-letter-total", GROUP, "Records sent to the dead-letter topic", tags),
            new CumulativeCount());
        sensor.add(new MetricName("dead-letter-rate", GROUP, "Records per second sent to the dead-letter topic", tags),
            new Rate());
        return sensor;
    }

    /** Removes this task's sensors (call from the processor's close). */
    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }
}
