package dev.streamrec.models.params;

import dev.streamrec.features.Example;
import dev.streamrec.features.ExampleCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The examples of the mini-batch being filled, persisted as one byte string: {@code [count int]} then each item
 * ({@link ItemCodec}), cut into blocks of at most {@value #CHUNK} bytes, each block {@code [block count int][bytes]}.
 * Rewritten whole at a drain after any change; blocks past the new end are deleted. Restored blocks are decoded once
 * all of them arrived; using the batch before that fails loudly (the stored state is incomplete).
 *
 * @param <T> the item type
 */
public final class PendingBatch<T> implements Persisted {
    static final int CHUNK = StateCodec.MAX_VALUE_BYTES - 64;

    /** How items are written. */
    public interface ItemCodec<T> {
        void write(DataOutputStream out, T item) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    /** {@link Example}s in {@link ExampleCodec}'s versioned form, length-prefixed. */
    public static final ItemCodec<Example> EXAMPLES = new ItemCodec<>() {
        @Override
        public void write(final DataOutputStream out, final Example item) throws IOException {
            final byte[] bytes = ExampleCodec.encode(item);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public Example read(final DataInputStream in) throws IOException {
            final byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return ExampleCodec.decode(bytes);
        }
    };

    private final int capacity;
    private final ItemCodec<T> codec;
    private final List<T> items = new ArrayList<>();
    private boolean dirty = true;
    private int storedBlocks;
    private byte[][] restoredBlocks;
    private int restoredCount;

    /** @param capacity the mini-batch size ({@link #isFull} from then on) */
    public PendingBatch(final int capacity, final ItemCodec<T> codec) {
        this.capacity = capacity;
        this.codec = codec;
    }

    public int size() {
        checkRestored();
        return items.size();
    }

    /** True once the batch holds {@code capacity} items (or more, restored from a larger batch size). */
    public boolean isFull() {
        return size() >= capacity;
    }

    /** The buffered items; do not modify. */
    public List<T> items() {
        checkRestored();
        return items;
    }

    /** Appends an item the caller no longer mutates (a copy). */
    public void add(final T item) {
        checkRestored();
        items.add(item);
        dirty = true;
    }

    /** Empties the batch after its step. */
    public void clear() {
        checkRestored();
        items.clear();
        dirty = true;
    }

    @Override
    public void markAllDirty() {
        dirty = true;
    }

    @Override
    public void drain(final Blocks out) {
        if (!dirty) {
            return;
        }
        checkRestored();
        final byte[] all = encode();
        final int blocks = Math.max(1, (all.length + CHUNK - 1) / CHUNK);
        for (int b = 0; b < blocks; b++) {
            final int from = b * CHUNK;
            final int to = Math.min(all.length, from + CHUNK);
            out.put(b, o -> {
                o.writeInt(blocks);
                o.write(all, from, to - from);
            });
        }
        for (int b = blocks; b < storedBlocks; b++) {
            out.delete(b);
        }
        storedBlocks = blocks;
        dirty = false;
    }

    @Override
    public void restore(final int block, final DataInputStream in) throws IOException {
        final int blocks = in.readInt();
        StateCodec.check(blocks >= 1 && block >= 0 && block < blocks, "pending batch block", block, blocks - 1);
        if (restoredBlocks == null || restoredBlocks.length != blocks) {
            restoredBlocks = new byte[blocks][];
            restoredCount = 0;
        }
        if (restoredBlocks[block] == null) {
            restoredCount++;
        }
        restoredBlocks[block] = in.readAllBytes();
        if (restoredCount == blocks) {
            decode();
        }
        storedBlocks = blocks;
        dirty = false;
    }

    private byte[] encode() {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(items.size());
            for (final T item : items) {
                codec.write(out, item);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private void decode() throws IOException {
        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (final byte[] part : restoredBlocks) {
            joined.write(part);
        }
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(joined.toByteArray()));
        final int count = in.readInt();
        items.clear();
        for (int i = 0; i < count; i++) {
            items.add(codec.read(in));
        }
        if (in.available() != 0) {
            throw new IllegalArgumentException(in.available() + " trailing bytes after a pending batch of " + count);
        }
        Arrays.fill(restoredBlocks, null);
        restoredBlocks = null;
    }

    private void checkRestored() {
        if (restoredBlocks != null) {
            throw new IllegalStateException("pending mini-batch restored from " + restoredCount + " of "
                + restoredBlocks.length + " blocks: the stored state is incomplete");
        }
    }
}
