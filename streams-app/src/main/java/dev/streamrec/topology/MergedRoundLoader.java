package dev.streamrec.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps the global store {@value #STORE} equal to the sync-merged topic: every instance holds every merged round
 * once (not one copy per task), and a tombstone deletes a round no task needs any more. The store is restored from
 * the topic as it is (the same keys and values), which is what this processor writes.
 */
final class MergedRoundLoader implements Processor<Bytes, byte[], Void, Void> {
    static final String STORE = "sync-merged-rounds";

    private KeyValueStore<Bytes, byte[]> store;

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled();
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(final Record<Bytes, byte[]> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
