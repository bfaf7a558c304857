package dev.streamrec.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.snapshot.SnapshotAssembler;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the snapshot topic from the beginning to its current end (read_committed: only snapshots of committed
 * transactions) into a {@link SnapshotAssembler}, without a consumer group.
 */
public final class SnapshotTopicReader {
    private final Map<String, Object> clientProperties;
    private final Deserializer<SnapshotRecord> deserializer;

    public SnapshotTopicReader(final Map<String, Object> clientProperties, final TopicSerdes serdes) {
        this.clientProperties = clientProperties;
        this.deserializer = serdes.snapshotRecord().deserializer();
    }

    /** Reads all of {@code topic} into {@code assembler}; returns the number of records read. */
    public long readAll(final String topic, final SnapshotAssembler assembler, final Duration timeout) {
        return readAll(topic, assembler, timeout, offsets -> { }, offsets -> { });
    }

    /**
     * As above, telling {@code totalOffsets} once how many offsets the topic spans and {@code offsetsRead} after
     * every poll how many of them have been read (for a progress display).
     */
    public long readAll(final String topic, final SnapshotAssembler assembler, final Duration timeout,
                        final LongConsumer totalOffsets, final LongConsumer offsetsRead) {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            totalOffsets.accept(end.values().stream().mapToLong(Long::longValue).sum()
                - begin.values().stream().mapToLong(Long::longValue).sum());
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic + " after " + read + " records");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    assembler.accept(deserializer.deserialize(topic, record.value()));
                    read++;
                }
                offsetsRead.accept(offsetsRead(consumer, begin));
            }
        }
        return read;
    }

    private static long offsetsRead(final KafkaConsumer<byte[], byte[]> consumer,
                                    final Map<TopicPartition, Long> begin) {
        long read = 0;
        for (final Map.Entry<TopicPartition, Long> entry : begin.entrySet()) {
            read += consumer.position(entry.getKey()) - entry.getValue();
        }
        return read;
    }

    private static boolean caughtUp(final KafkaConsumer<byte[], byte[]> consumer,
                                    final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
