package dev.streamrec.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.streamrec.bench.ChangelogTraffic;
import dev.streamrec.bench.ChangelogTraffic.Partition;
import dev.streamrec.bench.ChangelogTraffic.Payload;
import dev.streamrec.bench.ChangelogTraffic.Position;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the changelog topics of one application from the broker for {@link ChangelogTraffic}: end offsets
 * ({@code Admin.listOffsets}, latest), partition sizes on disk ({@code Admin.describeLogDirs}), and the data records
 * of a range read back with a plain (read_uncommitted) consumer, summing key and value sizes.
 */
final class ChangelogProbe {
    private final Admin admin;
    private final Map<String, Object> clientProperties;
    private final String applicationId;

    ChangelogProbe(final Admin admin, final Map<String, Object> clientProperties, final String applicationId) {
        this.admin = admin;
        this.clientProperties = Map.copyOf(clientProperties);
        this.applicationId = applicationId;
    }

    /** Every partition of the application's changelogs now: end offset and size on disk. */
    Map<Partition, Position> sample() {
        try {
            final List<String> changelogs = admin.listTopics().names().get().stream()
                .filter(topic -> ChangelogTraffic.storeOf(applicationId, topic) != null).sorted().toList();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (final TopicDescription topic : admin.describeTopics(changelogs).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
            }
            final Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            final Map<TopicPartition, Long> sizes = new HashMap<>();
            final List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            for (final Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get()
                .values()) {
                dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) ->
                    sizes.merge(tp, replica.size(), Long::sum)));
            }
            final Map<Partition, Position> positions = new HashMap<>();
            ends.forEach((tp, end) -> positions.put(new Partition(tp.topic(), tp.partition()),
                new Position(end.offset(), sizes.getOrDefault(tp, 0L))));
            return positions;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the changelogs of " + applicationId, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the changelogs of " + applicationId, e);
        }
    }

    /** The data records between {@code before} and {@code after} of every changelog partition, read back. */
    Map<Partition, Payload> readBack(final Map<Partition, Position> before, final Map<Partition, Position> after) {
        final Map<TopicPartition, Long> ends = new HashMap<>();
        final Map<TopicPartition, Long> starts = new HashMap<>();
        after.forEach((p, end) -> {
            final long start = before.getOrDefault(p, Position.EMPTY).endOffset();
            if (end.endOffset() > start) {
                final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                starts.put(tp, start);
                ends.put(tp, end.endOffset());
            }
        });
        final Map<Partition, Payload> payload = new HashMap<>();
        if (ends.isEmpty()) {
            return payload;
        }
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.assign(new ArrayList<>(ends.keySet()));
            starts.forEach(consumer::seek);
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    final Long end = ends.get(tp);
                    if (end != null && record.offset() < end) {
                        payload.merge(new Partition(tp.topic(), tp.partition()), new Payload(1,
                            (record.key() == null ? 0 : record.key().length)
                                + (record.value() == null ? 0 : record.value().length)), Payload::plus);
                    }
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                consumer.pause(consumer.assignment().stream().filter(tp -> !ends.containsKey(tp)).toList());
            }
            if (!ends.isEmpty()) {
                throw new IllegalStateException("could not read the changelog ranges back within 5 min: " + ends);
            }
        }
        return payload;
    }
}
