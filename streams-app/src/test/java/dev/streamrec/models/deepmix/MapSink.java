package dev.streamrec.models.deepmix;

import dev.streamrec.models.ParameterSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** A key-value store standing in for the changelogged state store. */
final class MapSink implements ParameterSink {
    final Map<String, byte[]> entries = new TreeMap<>();

    @Override
    public void put(final byte[] key, final byte[] value) {
        entries.put(HexFormat.of().formatHex(key), value.clone());
    }

    @Override
    public void delete(final byte[] key) {
        entries.remove(HexFormat.of().formatHex(key));
    }

    /** Feeds every entry to the model, in a shuffled order (a store promises no order). */
    void restoreInto(final DeepMixModel model, final long shuffleSeed) {
        final List<String> keys = new ArrayList<>(entries.keySet());
        Collections.shuffle(keys, new java.util.Random(new SplittableRandom(shuffleSeed).nextLong()));
        for (final String k : keys) {
            model.restore(HexFormat.of().parseHex(k), entries.get(k));
        }
    }
}
