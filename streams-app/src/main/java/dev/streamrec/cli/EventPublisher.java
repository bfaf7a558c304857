package dev.streamrec.cli;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.streamrec.events.EventSink;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.topology.SnapshotRequest;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes what an event source replays to streamrec's input topics: profiles keyed by their id, events keyed by
 * user id, each record timestamped with its event (or update) time. Idempotent producer, acks=all, retrying for up
 * to {@value #DELIVERY_TIMEOUT_MS} ms.
 */
public final class EventPublisher implements EventSink, AutoCloseable {
    /** How long a record may wait for its acknowledgement (retries included) before the publisher gives up. */
    static final int DELIVERY_TIMEOUT_MS = 600_000;

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final TopicSerdes serdes;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong profiles = new AtomicLong();
    private final AtomicLong latestEventTime = new AtomicLong();
    private final AtomicReference<IllegalStateException> firstError = new AtomicReference<>();

    public EventPublisher(final Map<String, Object> clientProperties, final Topics topics, final TopicSerdes serdes) {
        final Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A bulk load rides out a broker that is away for a while (a restart, a stall of a loaded machine) rather
        // than failing after the client's default of 2 minutes; retries stay idempotent, so nothing is doubled.
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.serdes = serdes;
    }

    @Override
    public void user(final UserProfile profile) {
        send(topics.users(), profile.getUserId(), profile.getUpdateTime(),
            serdes.userProfile().serializer().serialize(topics.users(), profile));
        profiles.incrementAndGet();
    }

    @Override
    public void item(final ItemProfile profile) {
        send(topics.items(), profile.getItemId(), profile.getUpdateTime(),
            serdes.itemProfile().serializer().serialize(topics.items(), profile));
        profiles.incrementAndGet();
    }

    @Override
    public void rating(final RatingEvent event) {
        send(topics.ratings(), event.getUserId(), event.getEventTime(),
            serdes.rating().serializer().serialize(topics.ratings(), event));
        events.incrementAndGet();
        latestEventTime.accumulateAndGet(event.getEventTime().toEpochMilli(), Math::max);
    }

    @Override
    public void impression(final ImpressionEvent event) {
        send(topics.impressions(), event.getUserId(), event.getEventTime(),
            serdes.impression().serializer().serialize(topics.impressions(), event));
        events.incrementAndGet();
        latestEventTime.accumulateAndGet(event.getEventTime().toEpochMilli(), Math::max);
    }

    /** Sends raw bytes as they are (used to exercise the dead-letter path with malformed records). */
    public void sendRaw(final String topic, final String key, final long timestamp, final byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
        events.incrementAndGet();
    }

    /**
     * Sends a {@link SnapshotRequest} to every partition of both event topics, after everything published so far
     * and timestamped with the latest event time (so that no task picks it before an event of its other topic):
     * every task snapshots its models once it has processed all those events.
     */
    public void requestSnapshots() {
        final long time = latestEventTime.get();
        for (final String topic : List.of(topics.impressions(), topics.ratings())) {
            for (final PartitionInfo partition : producer.partitionsFor(topic)) {
                final ProducerRecord<String, byte[]> request = new ProducerRecord<>(topic, partition.partition(),
                    time, (String) null, (byte[]) null);
                request.headers().add(SnapshotRequest.HEADER, new byte[0]);
                send(request);
            }
        }
    }

    private void send(final String topic, final String key, final Instant time, final byte[] value) {
        send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value));
    }

    private void send(final ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                firstError.compareAndSet(null, new IllegalStateException(
                    "could not publish to " + record.topic() + ": " + error.getMessage(), error));
            }
        });
    }

    /** Events (not profiles) published so far. */
    public long events() {
        return events.get();
    }

    public long profiles() {
        return profiles.get();
    }

    /** Waits until everything sent is acknowledged; throws the first send failure, if any. */
    public void flush() {
        producer.flush();
        final IllegalStateException error = firstError.get();
        if (error != null) {
            throw error;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
