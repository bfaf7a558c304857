package dev.streamrec.state;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only access to the profile and interaction stores of a running client through Kafka Streams' interactive
 * queries, for live queries on other threads than the stream threads. Per-partition stores are read from the local
 * active task of that partition ({@link org.apache.kafka.streams.errors.InvalidStateStoreException} while it is
 * not running here).
 */
public final class QueryableStores {
    private final KafkaStreams streams;
    private final Deserializer<ItemProfile> itemDeserializer;
    private final String itemsTopic;
    /** Decoded item profiles by id, reused while the stored bytes stay the same (decoding is most of a scan). */
    private final Map<String, Decoded> decoded = new HashMap<>();

    private record Decoded(byte[] bytes, ItemProfile profile) { }

    public QueryableStores(final KafkaStreams streams, final Deserializer<ItemProfile> itemDeserializer,
                           final String itemsTopic) {
        this.streams = streams;
        this.itemDeserializer = itemDeserializer;
        this.itemsTopic = itemsTopic;
    }

    /** The user's profile in the local task of {@code partition}, or null if none is stored. */
    public UserProfile user(final int partition, final String user) {
        final ReadOnlyKeyValueStore<String, UserProfile> store = streams.store(StoreQueryParameters
            .fromNameAndType(ProfileStores.USERS, QueryableStoreTypes.<String, UserProfile>keyValueStore())
            .withPartition(partition));
        return store.get(user);
    }

    /** The items the user interacted with, from the local task of {@code partition}. */
    public Set<String> interactedItems(final int partition, final String user) {
        final ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters
            .fromNameAndType(UserInteractionsStore.NAME, QueryableStoreTypes.<String, Long>keyValueStore())
            .withPartition(partition));
        return UserInteractionsStore.items(store, user);
    }

    /** Every item profile of the global store that decodes, by id. */
    public synchronized SortedMap<String, ItemProfile> items() {
        final ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
            .fromNameAndType(ProfileStores.ITEMS, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        final SortedMap<String, ItemProfile> items = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final var entry = it.next();
                final ItemProfile profile = decode(entry.key, entry.value);
                if (profile != null) {
                    items.put(entry.key, profile);
                }
            }
        }
        decoded.keySet().retainAll(items.keySet());
        return items;
    }

    private ItemProfile decode(final String id, final byte[] bytes) {
        final Decoded cached = decoded.get(id);
        if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
            return cached.profile();
        }
        try {
            final ItemProfile profile = itemDeserializer.deserialize(itemsTopic, bytes);
            decoded.put(id, new Decoded(bytes, profile));
            return profile;
        } catch (final SerializationException undecodable) {
            decoded.remove(id);
            return null;
        }
    }
}
