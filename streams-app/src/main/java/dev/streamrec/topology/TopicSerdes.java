package dev.streamrec.topology;

import dev.streamrec.registry.ConfluentAvroSerde;
import dev.streamrec.registry.DecodedValueCache;
import dev.streamrec.registry.SchemaRegistryClient;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value serdes of streamrec's topics, all in the Confluent wire format against one schema registry. Keys are
 * plain UTF-8 strings (user or item ids).
 */
public final class TopicSerdes {
    /** Decoded profiles kept per thread and per profile kind. */
    static final int PROFILES_CACHED = 4_096;
    private final Serde<ImpressionEvent> impression;
    private final Serde<RatingEvent> rating;
    private final Serde<UserProfile> userProfile;
    private final Serde<ItemProfile> itemProfile;
    private final Serde<ScoredEvent> scoredEvent;
    private final Serde<SnapshotRecord> snapshotRecord;

    public TopicSerdes(final SchemaRegistryClient registry) {
        this.impression = new ConfluentAvroSerde<>(registry, ImpressionEvent.class, false);
        this.rating = new ConfluentAvroSerde<>(registry, RatingEvent.class, false);
        this.userProfile = cachingDecodes(new ConfluentAvroSerde<>(registry, UserProfile.class, false));
        this.itemProfile = cachingDecodes(new ConfluentAvroSerde<>(registry, ItemProfile.class, false));
        this.scoredEvent = new ConfluentAvroSerde<>(registry, ScoredEvent.class, false);
        this.snapshotRecord = new ConfluentAvroSerde<>(registry, SnapshotRecord.class, false);
    }

    /**
     * The profile serdes decode each distinct value once per thread ({@link DecodedValueCache}): the stores hand the
     * same user's and item's bytes to every one of its events.
     */
    private static <T> Serde<T> cachingDecodes(final Serde<T> serde) {
        return Serdes.serdeFrom(serde.serializer(), new DecodedValueCache<>(serde.deserializer(), PROFILES_CACHED));
    }

    public Serde<ImpressionEvent> impression() {
        return impression;
    }

    public Serde<RatingEvent> rating() {
        return rating;
    }

    public Serde<UserProfile> userProfile() {
        return userProfile;
    }

    public Serde<ItemProfile> itemProfile() {
        return itemProfile;
    }

    public Serde<ScoredEvent> scoredEvent() {
        return scoredEvent;
    }

    public Serde<SnapshotRecord> snapshotRecord() {
        return snapshotRecord;
    }
}
