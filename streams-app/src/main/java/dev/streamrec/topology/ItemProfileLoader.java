package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;

import dev.streamrec.events.EventValidator;
import dev.streamrec.events.Validation;
import dev.streamrec.metrics.DeadLetterCounter;
import dev.streamrec.query.LiveModels;
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
 * stored: it goes to the dead-letter topic through {@link ProfileDeadLetters} (a global processor has no downstream),
 * is counted ({@code dead-letter-total}, task {@code global}) and logged with its source coordinates.
 */
final class ItemProfileLoader implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ItemProfileLoader.class);

    private final Deserializer<ItemProfile> deserializer;
    private final String topic;
    private final EventValidator validator;
    private final ProfileDeadLetters deadLetters;
    private ProcessorContext<Void, Void> context;
    private DeadLetterCounter counter;
    /** Live queries keep a scan of the store until it is written: every write is counted there. */
    private LiveModels live;

    ItemProfileLoader(final Deserializer<ItemProfile> deserializer, final String topic,
                      final EventValidator validator, final ProfileDeadLetters deadLetters) {
        this.deserializer = deserializer;
        this.topic = topic;
        this.validator = validator;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
        this.counter = new DeadLetterCounter(context.metrics(), "global");
        this.live = LiveModels.from(context.appConfigs());
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                ProfileStores.putItem(context, record.key(), null);
                live.itemProfileWritten();
            }
            return;
        }
        final Validation.Rejection problem = problem(record.key(), record.value());
        if (problem != null) {
            final Rejection rejection = Rejection.of(
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                problem.reason(), problem.detail(), context.recordMetadata().orElse(null));
            deadLetters.send(rejection);
            counter.count(problem.reason().name());
            LOG.warn("dead-lettered item profile {} from {}-{}@{}: {} (rejected so far: {})", problem.reason(),
                rejection.sourceTopic(), rejection.sourcePartition(), rejection.sourceOffset(), rejection.detail(),
                counter.total());
            return;
        }
        ProfileStores.putItem(context, record.key(), record.value());
        live.itemProfileWritten();
    }

    private Validation.Rejection problem(final String key, final byte[] value) {
        try {
            return validator.validate(key, deserializer.deserialize(topic, value)) instanceof Validation.Rejection r
                ? r : null;
        } catch (final BadRecordException e) {
            return Validation.reject(DecodeFailures.reason(e), DecodeFailures.detail(e));
        }
    }

    @Override
    public void close() {
        if (counter != null) {
            counter.close();
        }
        deadLetters.close();
    }
}
