package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;

import dev.streamrec.events.EventValidator;
import dev.streamrec.events.RejectReason;
import dev.streamrec.events.Validation;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.state.ProfileStores;
import dev.streamrec.registry.BadRecordException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Materializes the users topic into the co-partitioned user-profile store (a KTable built by hand so that bad
 * records reach the dead-letter route instead of stopping the application). A null value deletes the profile.
 */
final class UserProfileUpdater implements Processor<byte[], byte[], String, Routed> {
    private final String topic;
    private final Deserializer<UserProfile> deserializer;
    private final EventValidator validator;
    private ProcessorContext<String, Routed> context;
    private ProfileStores profiles;

    UserProfileUpdater(final String topic, final Deserializer<UserProfile> deserializer,
                       final EventValidator validator) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.validator = validator;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.profiles = ProfileStores.lookupUsers(context);
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null || key.isEmpty()) {
            reject(record, key, RejectReason.KEY_MISMATCH, "profile records must be keyed by user id");
            return;
        }
        if (record.value() == null) {
            profiles.putUser(key, null);
            return;
        }
        final UserProfile profile;
        try {
            profile = deserializer.deserialize(topic, record.value());
        } catch (final BadRecordException e) {
            reject(record, key, DecodeFailures.reason(e), DecodeFailures.detail(e));
            return;
        }
        if (validator.validate(key, profile) instanceof Validation.Rejection invalid) {
            reject(record, key, invalid.reason(), invalid.detail());
            return;
        }
        profiles.putUser(key, profile);
    }

    private void reject(final Record<byte[], byte[]> record, final String key, final RejectReason reason,
                        final String detail) {
        final Rejection rejection = Rejection.of(record.key(), record.value(), reason, detail,
            context.recordMetadata().orElse(null));
        context.forward(new Record<>(key, rejection, record.timestamp(), record.headers()));
    }
}
