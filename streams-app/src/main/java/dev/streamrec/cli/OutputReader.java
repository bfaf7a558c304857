package dev.streamrec.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.streamrec.features.Task;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.topology.Rejection;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads streamrec's outputs as a downstream user would (read_committed): counts scored and dead-lettered records,
 * keeps every model's prequential metrics over all tasks, and hands each scored event to an optional observer.
 */
public final class OutputReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final Deserializer<ScoredEvent> scoredDeserializer;
    private final Map<String, PrequentialMetrics> metrics = new LinkedHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private final int aucWindow;
    private long scored;
    private long deadLetters;

    public OutputReader(final Map<String, Object> clientProperties, final Topics topics, final TopicSerdes serdes,
                        final int aucWindow) {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.scoredDeserializer = serdes.scoredEvent().deserializer();
        this.aucWindow = aucWindow;
        final List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(topics.scoredEvents(), topics.deadLetters())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(
                new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once, folding what arrived into the counts; {@code observer} sees each scored event (may be null). */
    public void poll(final Duration timeout, final Consumer<ScoredEvent> observer,
                     final Consumer<ConsumerRecord<byte[], byte[]>> deadLetterObserver) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(topics.scoredEvents())) {
                final ScoredEvent event = scoredDeserializer.deserialize(record.topic(), record.value());
                scored++;
                record(event);
                if (observer != null) {
                    observer.accept(event);
                }
            } else {
                deadLetters++;
                final Header reason = record.headers().lastHeader(Rejection.HEADER_REASON);
                deadLettersByReason.merge(reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8),
                    1L, Long::sum);
                if (deadLetterObserver != null) {
                    deadLetterObserver.accept(record);
                }
            }
        }
    }

    private void record(final ScoredEvent event) {
        final Task task = event.getEventType() == EventType.IMPRESSION ? Task.CLICK : Task.RATING;
        for (final Prediction prediction : event.getPredictions()) {
            metrics.computeIfAbsent(prediction.getModel(), m -> new PrequentialMetrics(m, aucWindow))
                .record(task, event.getLabel(), prediction.getScore());
            versions.merge(prediction.getModel(), prediction.getModelVersion(), Math::max);
        }
    }

    public long scored() {
        return scored;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public Map<String, Long> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    /** Each model's prequential metrics over every scored event read so far, in first-seen order. */
    public Map<String, MetricsSnapshot> metrics() {
        final Map<String, MetricsSnapshot> snapshots = new LinkedHashMap<>();
        metrics.forEach((model, m) -> snapshots.put(model, m.snapshot()));
        return snapshots;
    }

    /** The highest version (updates seen) of each model in the scored events read so far. */
    public Map<String, Long> versions() {
        return Map.copyOf(versions);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
