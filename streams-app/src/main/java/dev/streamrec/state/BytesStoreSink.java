package dev.streamrec.state;

import dev.streamrec.models.ParameterSink;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link ParameterSink} that writes into a bytes-keyed state store: a model's or the example log's. */
final class BytesStoreSink implements ParameterSink {
    private final KeyValueStore<Bytes, byte[]> store;

    BytesStoreSink(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public void put(final byte[] key, final byte[] value) {
        store.put(Bytes.wrap(key), value);
    }

    @Override
    public void delete(final byte[] key) {
        store.delete(Bytes.wrap(key));
    }
}
