package dev.streamrec.models.params;

import dev.streamrec.models.ParameterSink;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's persisted state: its named {@link Persisted} parts, drained and restored in one place for every model
 * ({@code OnlineModel#drainChanges} and {@code #restore} delegate here). Keys and values are {@link StateCodec}'s.
 * Restoring every entry ever drained (the later of two puts of a key winning, deletes applied) gives back exactly
 * the state that was drained last.
 */
public final class ModelState {
    private final String model;
    private final Map<String, Persisted> parts = new LinkedHashMap<>();

    /** @param model the model's name, for error messages */
    public ModelState(final String model) {
        this.model = model;
    }

    /** Adds a part; names are unique within the model. Returns the part. */
    public <T extends Persisted> T register(final String name, final T part) {
        if (parts.putIfAbsent(name, part) != null) {
            throw new IllegalArgumentException(model + " state part " + name + " registered twice");
        }
        return part;
    }

    /** The parts by name, in registration order (read-only view; for parameter sync). */
    public Map<String, Persisted> parts() {
        return Collections.unmodifiableMap(parts);
    }

    /** Writes the blocks every part changed since the previous drain (parts in registration order). */
    public void drainChanges(final ParameterSink sink) {
        for (final Map.Entry<String, Persisted> part : parts.entrySet()) {
            final String name = part.getKey();
            part.getValue().drain(new Persisted.Blocks() {
                @Override
                public void put(final int block, final StateCodec.Writer payload) {
                    final byte[] value = StateCodec.bytes(payload);
                    if (value.length > StateCodec.MAX_VALUE_BYTES) {
                        throw new IllegalStateException(model + " state part " + name + " block " + block + " is "
                            + value.length + " bytes, over the limit of " + StateCodec.MAX_VALUE_BYTES);
                    }
                    sink.put(StateCodec.key(name, block), value);
                }

                @Override
                public void delete(final int block) {
                    sink.delete(StateCodec.key(name, block));
                }
            });
        }
    }

    /** Writes the whole state, every block, as a drain into an empty store would (then forgets the changes). */
    public void snapshot(final ParameterSink sink) {
        for (final Persisted part : parts.values()) {
            part.markAllDirty();
        }
        drainChanges(sink);
    }

    /** Loads one entry written by {@link #drainChanges}. */
    public void restore(final byte[] key, final byte[] value) {
        final StateCodec.Key k = StateCodec.readKey(key);
        final Persisted part = parts.get(k.part());
        if (part == null) {
            throw new IllegalArgumentException("unknown " + model + " state part '" + k.part() + "'; this build has "
                + parts.keySet());
        }
        try {
            final DataInputStream in = StateCodec.open(value, model + " " + k.part() + " value");
            part.restore(k.block(), in);
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after " + model + " state part "
                    + k.part() + " block " + k.block());
            }
        } catch (final IOException e) {
            throw new IllegalArgumentException("truncated " + model + " state part " + k.part() + " block "
                + k.block(), e);
        }
    }
}
