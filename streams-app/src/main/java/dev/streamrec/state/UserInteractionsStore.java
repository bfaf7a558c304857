package dev.streamrec.state;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Which items each user interacted with (was shown or rated, in a scored event), for live queries that exclude
 * them from recommendations. Co-partitioned with the events (one task owns a user's entries) and changelogged, so
 * it survives restarts and moves with its task. One entry per (user, item): key {@code <length of user>:<user><item>}
 * (the length makes the user prefix unambiguous whatever characters ids hold), value the latest event time; a
 * user's items are one prefix scan.
 */
public final class UserInteractionsStore {
    /** The store's name. */
    public static final String NAME = "user-interactions";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Long> store;

    private UserInteractionsStore(final KeyValueStore<String, Long> store) {
        this.store = store;
    }

    public static StoreBuilder<KeyValueStore<String, Long>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.Long())
            .withCachingEnabled();
    }

    /** Looks the store up in the context of the processor that maintains it. */
    public static UserInteractionsStore lookup(final ProcessingContext context) {
        final KeyValueStore<String, Long> store = context.getStateStore(NAME);
        return new UserInteractionsStore(Objects.requireNonNull(store, "no state store " + NAME
            + " connected to processor; the topology must connect it"));
    }

    /** Records that {@code user} interacted with {@code item} at {@code eventTime}. */
    public void record(final String user, final String item, final long eventTime) {
        store.put(key(user, item), eventTime);
    }

    /** The items {@code user} interacted with, in id order, read through interactive queries (any thread). */
    public static Set<String> items(final ReadOnlyKeyValueStore<String, Long> store, final String user) {
        final String prefix = prefix(user);
        final Set<String> items = new TreeSet<>();
        try (KeyValueIterator<String, Long> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(entry -> items.add(entry.key.substring(prefix.length())));
        }
        return items;
    }

    static String key(final String user, final String item) {
        return prefix(user) + item;
    }

    static String prefix(final String user) {
        return user.length() + ":" + user;
    }
}
