package dev.streamrec.models.params;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * One named part of a model's persisted state, cut into numbered blocks whose payloads fit
 * {@link StateCodec#MAX_VALUE_BYTES}. Registered in a {@link ModelState}, which frames keys and values.
 */
public interface Persisted {
    /** Where a part writes its changed blocks. */
    interface Blocks {
        void put(int block, StateCodec.Writer payload);

        void delete(int block);
    }

    /** Writes every block changed since the previous call, then forgets the changes. */
    void drain(Blocks out);

    /** Loads one block written by {@link #drain}; blocks arrive in any order. */
    void restore(int block, DataInputStream in) throws IOException;

    /** Marks everything changed, so that the next drain writes the whole part. */
    void markAllDirty();

    /**
     * {@code part} persisted as it is, but seen as task-local state rather than a learned parameter: parameter sync
     * across tasks shares the sparse tables, dense tensors and FTRL coordinates it finds among a model's parts, and
     * does not look inside this wrapper. For state that a delta cannot merge, such as interaction histories.
     */
    static Persisted taskLocal(final Persisted part) {
        return new Persisted() {
            @Override
            public void drain(final Blocks out) {
                part.drain(out);
            }

            @Override
            public void restore(final int block, final DataInputStream in) throws IOException {
                part.restore(block, in);
            }

            @Override
            public void markAllDirty() {
                part.markAllDirty();
            }
        };
    }

    /**
     * A small one-block part (counters and the like): encoded at every drain, written when the bytes differ from
     * the ones written (or restored) last.
     */
    static Persisted single(final StateCodec.Writer writer, final Reader reader) {
        return new Persisted() {
            private byte[] last;

            @Override
            public void drain(final Blocks out) {
                final byte[] now = StateCodec.bytes(writer);
                if (!java.util.Arrays.equals(now, last)) {
                    last = now;
                    out.put(0, o -> o.write(now, 1, now.length - 1));
                }
            }

            @Override
            public void restore(final int block, final DataInputStream in) throws IOException {
                StateCodec.check(block == 0, "block of a single-block part", block, 0);
                reader.read(in);
                last = StateCodec.bytes(writer);
            }

            @Override
            public void markAllDirty() {
                last = null;
            }
        };
    }

    /** Reads a payload. */
    @FunctionalInterface
    interface Reader {
        void read(DataInputStream in) throws IOException;
    }
}
