package dev.streamrec.topology;

import dev.streamrec.registry.ConfluentAvroSerde;
import dev.streamrec.registry.SchemaRegistryClient;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of streamrec's topics, all in the Confluent wire format against one schema registry. Keys are
 * plain UTF-8 strings (user or item ids).
 */
public final class TopicSerdes {
    private final Serde<ImpressionEvent> impression;
    private final Serde<RatingEvent> rating;
    private final Serde<UserProfile> userProfile;
    private final Serde<ItemProfile> itemProfile;
    private final Serde<ScoredEvent> scoredEvent;
    private final Serde<SnapshotRecord> snapshotRecord;

    public TopicSerdes(final SchemaRegistryClient registry) {
        this.impression = new ConfluentAvroSerde<>(registry, ImpressionEvent.class, false);
        this.rating = new ConfluentAvroSerde<>(registry, RatingEvent.class, false);
        this.userProfile = new ConfluentAvroSerde<>(registry, UserProfile.class, false);
        this.itemProfile = new ConfluentAvroSerde<>(registry, ItemProfile.class, false);
        this.scoredEvent = new ConfluentAvroSerde<>(registry, ScoredEvent.class, false);
        this.snapshotRecord = new ConfluentAvroSerde<>(registry, SnapshotRecord.class, false);
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
