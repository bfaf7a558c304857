package dev.streamrec.state;

import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The latest user profiles (a changelogged store co-partitioned with the events: a KTable of the users topic) and
 * item profiles (a global store of the items topic), read by the scoring processor for enrichment.
 */
public final class ProfileStores {
    public static final String USERS = "user-profiles";
    public static final String ITEMS = "item-profiles";

    private final KeyValueStore<String, UserProfile> users;
    private final KeyValueStore<String, byte[]> items;
    private final Deserializer<ItemProfile> itemDeserializer;
    private final String itemsTopic;

    private ProfileStores(final KeyValueStore<String, UserProfile> users, final KeyValueStore<String, byte[]> items,
                          final Deserializer<ItemProfile> itemDeserializer, final String itemsTopic) {
        this.users = users;
        this.items = items;
        this.itemDeserializer = itemDeserializer;
        this.itemsTopic = itemsTopic;
    }

    public static StoreBuilder<KeyValueStore<String, UserProfile>> usersBuilder(final Serde<UserProfile> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USERS), Serdes.String(), serde)
            .withCachingEnabled();
    }

    /**
     * The global items store. It holds the topic's value bytes as they are (Confluent wire format), because the
     * engine restores a global store by copying the topic's bytes into it; they are decoded on read.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> itemsBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ITEMS), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled();
    }

    /** Looks up both stores from a processor connected to the users store (the items store is global). */
    public static ProfileStores lookup(final ProcessingContext context, final Deserializer<ItemProfile> items,
                                       final String itemsTopic) {
        return new ProfileStores(context.getStateStore(USERS), context.getStateStore(ITEMS), items, itemsTopic);
    }

    /** Looks up the users store only (for the processor that maintains it). */
    public static ProfileStores lookupUsers(final ProcessingContext context) {
        return new ProfileStores(context.getStateStore(USERS), null, null, null);
    }

    /** The user's latest profile, or null if none arrived yet. */
    public UserProfile user(final String userId) {
        return users.get(userId);
    }

    /** The item's latest profile, or null if none arrived yet (or its stored bytes no longer decode). */
    public ItemProfile item(final String itemId) {
        final byte[] bytes = items.get(itemId);
        if (bytes == null) {
            return null;
        }
        try {
            return itemDeserializer.deserialize(itemsTopic, bytes);
        } catch (final SerializationException undecodable) {
            return null;
        }
    }

    /** Stores (or with null deletes) a user profile. */
    public void putUser(final String userId, final UserProfile profile) {
        if (profile == null) {
            users.delete(userId);
        } else {
            users.put(userId, profile);
        }
    }

    /** Writes (or with null deletes) an item profile's bytes; called by the global store's processor. */
    public static void putItem(final ProcessingContext context, final String itemId, final byte[] profileBytes) {
        final KeyValueStore<String, byte[]> store = context.getStateStore(ITEMS);
        if (profileBytes == null) {
            store.delete(itemId);
        } else {
            store.put(itemId, profileBytes);
        }
    }
}
