package dev.streamrec.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.streamrec.metrics.MetricStateSink;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The changelogged key-value store holding one task's prequential metric state for all its models, so a restarted
 * task's metrics (and the snapshots that carry them) continue exactly. A key is the model name, a zero byte and
 * the metric's own key; values are in the metrics' versioned byte format. Written at each checkpoint of the task
 * (the entries changed since the previous one: the running sums and each click added to the AUC window); a restart
 * loads them and replays the example log's events through the metrics too.
 */
public final class MetricsStateStore {
    /** The store's name. */
    public static final String NAME = "prequential-metrics";
    private static final byte SEPARATOR = 0;

    private final KeyValueStore<Bytes, byte[]> store;

    private MetricsStateStore(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** A builder for the store: RocksDB (or in-memory), changelogged, with caching. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder(final boolean inMemory) {
        return Stores.keyValueStoreBuilder(
                inMemory ? Stores.inMemoryKeyValueStore(NAME) : Stores.persistentKeyValueStore(NAME),
                Serdes.Bytes(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of());
    }

    /** Looks the store up in a processor's context (call from {@code init}). */
    public static MetricsStateStore lookup(final ProcessingContext context) {
        final KeyValueStore<Bytes, byte[]> store = context.getStateStore(NAME);
        return new MetricsStateStore(Objects.requireNonNull(store, "no state store " + NAME
            + " connected to processor; the topology must connect it"));
    }

    /** The persisted metric state of {@code model}, by metric key; empty if none. */
    public Map<String, byte[]> state(final String model) {
        final byte[] prefix = prefix(model);
        final Map<String, byte[]> state = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                final byte[] key = entry.key.get();
                state.put(new String(key, prefix.length, key.length - prefix.length, StandardCharsets.US_ASCII),
                    entry.value);
            }
        }
        return state;
    }

    /** The sink writing {@code model}'s metric state into this store. */
    public MetricStateSink sink(final String model) {
        final byte[] prefix = prefix(model);
        return (key, value) -> {
            final byte[] full = Arrays.copyOf(prefix, prefix.length + key.length());
            for (int i = 0; i < key.length(); i++) {
                full[prefix.length + i] = (byte) key.charAt(i); // metric keys are ASCII
            }
            store.put(Bytes.wrap(full), value);
        };
    }

    private static byte[] prefix(final String model) {
        final byte[] name = model.getBytes(StandardCharsets.UTF_8);
        final byte[] prefix = Arrays.copyOf(name, name.length + 1);
        prefix[name.length] = SEPARATOR;
        return prefix;
    }
}
