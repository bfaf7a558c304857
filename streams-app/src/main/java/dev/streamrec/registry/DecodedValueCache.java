package dev.streamrec.registry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * A deserializer that decodes each distinct byte string once per thread and hands back the same object for equal
 * bytes. Profiles are read once per event from their stores, and the same user's or item's bytes repeat for every
 * one of its events: hashing and comparing the bytes costs a fraction of an Avro decode of a record with maps of
 * strings (about a tenth of the stream thread's time with LR alone, docs/benchmarks-e2e.md).
 *
 * <p>Exact: the Confluent wire format starts with the writer's schema id, and a schema id names one schema for
 * good, so equal bytes decode to equal records. The returned objects are shared between callers of one thread and
 * must be treated as read-only, as streamrec treats profiles. Each thread keeps its own least-recently-used map of
 * at most {@code capacity} entries, so no locking; failures are not cached (the next call decodes again and fails
 * the same way, and the caller dead-letters).
 */
public final class DecodedValueCache<T> implements Deserializer<T> {
    private final Deserializer<T> inner;
    private final ThreadLocal<Map<Key, T>> decoded;

    public DecodedValueCache(final Deserializer<T> inner, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.inner = inner;
        this.decoded = ThreadLocal.withInitial(() -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Key, T> eldest) {
                return size() > capacity;
            }
        });
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return inner.deserialize(topic, null);
        }
        final Map<Key, T> map = decoded.get();
        final Key key = new Key(bytes, Arrays.hashCode(bytes));
        final T known = map.get(key);
        if (known != null) {
            return known;
        }
        final T value = inner.deserialize(topic, bytes);
        if (value != null) {
            map.put(key, value);
        }
        return value;
    }

    @Override
    public void close() {
        decoded.remove();
        inner.close();
    }

    /** Bytes compared by content; the hash is computed once. */
    private record Key(byte[] bytes, int hash) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
