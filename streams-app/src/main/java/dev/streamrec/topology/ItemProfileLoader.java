package dev.streamrec.topology;

import dev.streamrec.events.EventValidator;
import dev.streamrec.events.Validation;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.state.ProfileStores;
import dev.streamrec.registry.BadRecordException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global item-profile store up to date. A record whose bytes do not decode to a valid profile is not
 * stored; a global processor has no downstream, so it cannot reach the dead-letter topic: it is logged with its
 * source coordinates and a running count instead.
 */
final class ItemProfileLoader implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ItemProfileLoader.class);

    private final Deserializer<ItemProfile> deserializer;
    private final String topic;
    private final EventValidator validator;
    private ProcessorContext<Void, Void> context;
    private long rejected;

    ItemProfileLoader(final Deserializer<ItemProfile> deserializer, final String topic,
                      final EventValidator validator) {
        this.deserializer = deserializer;
        this.topic = topic;
        this.validator = validator;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                ProfileStores.putItem(context, record.key(), null);
            }
            return;
        }
        final String problem = problem(record.key(), record.value());
        if (problem != null) {
            rejected++;
            LOG.warn("rejected item profile at {}: {} (rejected so far: {})",
                context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                problem, rejected);
            return;
        }
        ProfileStores.putItem(context, record.key(), record.value());
    }

    private String problem(final String key, final byte[] value) {
        try {
            final Validation validation = validator.validate(key, deserializer.deserialize(topic, value));
            return validation instanceof Validation.Rejection invalid
                ? invalid.reason() + ": " + invalid.detail() : null;
        } catch (final BadRecordException e) {
            return DecodeFailures.reason(e) + ": " + DecodeFailures.detail(e);
        }
    }
}
