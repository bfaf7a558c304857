package dev.streamrec.models.params;

import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A key-value store standing in for the changelogged state store: later puts win, deletes remove. */
public final class StoreSink implements ParameterSink {
    /** Hex key to value. */
    public final Map<String, byte[]> entries = new TreeMap<>();

    @Override
    public void put(final byte[] key, final byte[] value) {
        entries.put(HexFormat.of().formatHex(key), value.clone());
    }

    @Override
    public void delete(final byte[] key) {
        entries.remove(HexFormat.of().formatHex(key));
    }

    /** Feeds every entry to {@code model} in an order shuffled by {@code seed} (a store promises no order). */
    public <M extends OnlineModel> M restoreInto(final M model, final long seed) {
        final List<String> keys = new ArrayList<>(entries.keySet());
        Collections.shuffle(keys, new Random(seed));
        for (final String k : keys) {
            model.restore(HexFormat.of().parseHex(k), entries.get(k));
        }
        return model;
    }

    /** The largest value held. */
    public int largestValue() {
        return entries.values().stream().mapToInt(v -> v.length).max().orElse(0);
    }

    /** Total bytes of keys and values. */
    public long bytes() {
        return entries.entrySet().stream().mapToLong(e -> e.getKey().length() / 2 + e.getValue().length).sum();
    }
}
