package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;

import dev.streamrec.events.RejectReason;
import dev.streamrec.events.Validation;
import dev.streamrec.registry.BadRecordException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes one input topic's raw records into {@link DecodedEvent}s. Undecodable bytes, unknown schema ids and
 * invalid events become {@link Rejection}s with their reason; nothing is thrown, nothing is dropped.
 *
 * @param <T> the Avro record type of the topic
 */
final class EventDecoder<T> implements Processor<byte[], byte[], String, Routed> {
    /** Validates a decoded record and turns it into an event. */
    interface EventReader<T> {
        /** Checks {@code value} against its record key. */
        Validation validate(String key, T value);

        DecodedEvent toEvent(T value, byte[] rawKey, byte[] rawValue);
    }

    private final String topic;
    private final Deserializer<T> deserializer;
    private final EventReader<T> reader;
    private ProcessorContext<String, Routed> context;

    EventDecoder(final String topic, final Deserializer<T> deserializer, final EventReader<T> reader) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.reader = reader;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final byte[] rawKey = record.key();
        final byte[] rawValue = record.value();
        final String key = rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
        if (SnapshotRequest.carriedBy(record.headers())) {
            forward(record, key, new SnapshotRequest());
            return;
        }
        if (RoundMark.carriedBy(record.headers())) {
            forward(record, key, new RoundMark());
            return;
        }
        if (rawValue == null) {
            forward(record, key, Rejection.of(rawKey, null, RejectReason.NULL_VALUE, "event records must have a value",
                context.recordMetadata().orElse(null)));
            return;
        }
        final T value;
        try {
            value = deserializer.deserialize(topic, rawValue);
        } catch (final BadRecordException e) {
            forward(record, key, Rejection.of(rawKey, rawValue, DecodeFailures.reason(e), DecodeFailures.detail(e),
                context.recordMetadata().orElse(null)));
            return;
        }
        if (reader.validate(key, value) instanceof Validation.Rejection invalid) {
            forward(record, key, Rejection.of(rawKey, rawValue, invalid.reason(), invalid.detail(),
                context.recordMetadata().orElse(null)));
            return;
        }
        forward(record, key, reader.toEvent(value, rawKey, rawValue));
    }

    private void forward(final Record<byte[], byte[]> record, final String key, final Routed value) {
        context.forward(new Record<>(key, value, record.timestamp(), record.headers()));
    }
}
