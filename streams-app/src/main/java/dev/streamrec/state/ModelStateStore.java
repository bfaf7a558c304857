package dev.streamrec.state;

import java.util.Objects;

import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The changelogged key-value store holding one model's persisted state (parameters, optimiser state, pending
 * mini-batch), in the model's own versioned byte format. The model works in memory; this store is the durable
 * copy the engine restores from its changelog after a crash or a task move.
 */
public final class ModelStateStore implements ParameterSink {
    private final KeyValueStore<Bytes, byte[]> store;
    private final BytesStoreSink sink;

    private ModelStateStore(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        this.sink = new BytesStoreSink(store);
    }

    /** The store name of a model: {@code <model>-state}. */
    public static String storeName(final String modelName) {
        return modelName + "-state";
    }

    /** A builder for the store of {@code modelName}: RocksDB (or in-memory), changelogged, with caching. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder(final String modelName, final boolean inMemory) {
        final String name = storeName(modelName);
        return Stores.keyValueStoreBuilder(
                inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(java.util.Map.of());
    }

    /** Looks the store of {@code modelName} up in a processor's context (call from {@code init}). */
    public static ModelStateStore lookup(final ProcessingContext context, final String modelName) {
        final KeyValueStore<Bytes, byte[]> store = context.getStateStore(storeName(modelName));
        return new ModelStateStore(Objects.requireNonNull(store, () -> "no state store " + storeName(modelName)
            + " connected to processor; the topology must connect it"));
    }

    /** Feeds every stored entry to {@code model}, returning the number of entries restored. */
    public long restoreInto(final OnlineModel model) {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                model.restore(entry.key.get(), entry.value);
                count++;
            }
        }
        return count;
    }

    /** Visits every stored entry in key order (unsigned bytes): the model's whole persisted state. */
    public void forEach(final java.util.function.BiConsumer<byte[], byte[]> visitor) {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = it.next();
                visitor.accept(entry.key.get(), entry.value);
            }
        }
    }

    @Override
    public void put(final byte[] key, final byte[] value) {
        sink.put(key, value);
    }

    @Override
    public void delete(final byte[] key) {
        sink.delete(key);
    }
}
