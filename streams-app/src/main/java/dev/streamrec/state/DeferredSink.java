package dev.streamrec.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import dev.streamrec.models.ParameterSink;
import org.apache.kafka.common.utils.Bytes;

/**
 * A model's state entries drained between two checkpoints, held in memory until the next checkpoint writes them to
 * the model's store. A snapshot falls due between checkpoints: it drains the models here and reads the store
 * overlaid with these entries ({@link #overlay}), which is exactly what the store would hold after a checkpoint
 * there, without writing the changelog twice (a dense block changed by every step is written once per checkpoint,
 * not once per snapshot too). Lost in a crash like the rest of the in-memory state: the models rebuilt from the
 * checkpoint and the example log mark the same entries changed again.
 */
public final class DeferredSink implements ParameterSink {
    private final ParameterSink target;
    /** The latest value of each key since the last {@link #flush}; null for a delete. Insertion order. */
    private final Map<Bytes, byte[]> pending = new LinkedHashMap<>();

    /** @param target where {@link #flush} writes (the model's store, through the record's staged writes) */
    public DeferredSink(final ParameterSink target) {
        this.target = target;
    }

    @Override
    public void put(final byte[] key, final byte[] value) {
        pending.put(Bytes.wrap(key), value);
    }

    @Override
    public void delete(final byte[] key) {
        pending.put(Bytes.wrap(key), null);
    }

    /** Writes every held entry to the target, in the order of first change, and forgets them. */
    public void flush() {
        for (final Map.Entry<Bytes, byte[]> entry : pending.entrySet()) {
            if (entry.getValue() == null) {
                target.delete(entry.getKey().get());
            } else {
                target.put(entry.getKey().get(), entry.getValue());
            }
        }
        pending.clear();
    }

    /**
     * Visits what {@code store} would hold after a {@link #flush}: its entries with the held ones put over them and
     * the held deletes removed, in key order (as the store iterates).
     */
    public void overlay(final ModelStateStore store, final BiConsumer<byte[], byte[]> visitor) {
        final TreeMap<Bytes, byte[]> merged = new TreeMap<>();
        store.forEach((key, value) -> merged.put(Bytes.wrap(key), value));
        for (final Map.Entry<Bytes, byte[]> entry : pending.entrySet()) {
            if (entry.getValue() == null) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        merged.forEach((key, value) -> visitor.accept(key.get(), value));
    }

    /** Entries held. */
    public int size() {
        return pending.size();
    }
}
