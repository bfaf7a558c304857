package dev.streamrec.models.lcwd;

import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A state store stand-in: keys in reverse unsigned lexicographic order, so restores see pending positions (and
 * everything else) in the opposite order from which they were written.
 */
final class MapSink implements ParameterSink {
    final Map<byte[], byte[]> entries = new TreeMap<>((l, r) -> Arrays.compareUnsigned(r, l));
    int puts;
    int deletes;

    @Override
    public void put(final byte[] key, final byte[] value) {
        entries.put(key.clone(), value.clone());
        puts++;
    }

    @Override
    public void delete(final byte[] key) {
        entries.remove(key);
        deletes++;
    }

    void restoreInto(final OnlineModel model) {
        for (final Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            model.restore(e.getKey(), e.getValue());
        }
    }
}
