package dev.streamrec.models.deepmix;

import dev.streamrec.models.StateStrings;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.StateCodec;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per item, the running mean of the user embedding vectors of the learned events that involved the item
 * ({@code mean += (u - mean) / n}), the item's "interaction history" input of the genre head.
 *
 * <p>Items get slots in first-seen order; persisted in blocks of {@value #ROWS_PER_BLOCK} slots (item id, count,
 * mean), a block rewritten when one of its items changed. A block's bytes are cut into pieces of at most
 * {@value #PIECE} bytes (ids can be long), stored under {@code block << 8 | piece}, each {@code [pieces][bytes]};
 * a block only grows, so its pieces are never fewer than before.
 */
final class ItemHistories implements Persisted {
    static final int ROWS_PER_BLOCK = 128;
    static final int PIECE = StateCodec.MAX_VALUE_BYTES - 64;
    private static final int MAX_PIECES = 256;

    private final int dim;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final List<String> items = new ArrayList<>();
    private long[] counts = new long[64];
    private float[] means;
    private boolean[] dirtyBlocks = new boolean[1];
    private final Map<Integer, byte[][]> partial = new HashMap<>();

    ItemHistories(final int dim) {
        this.dim = dim;
        this.means = new float[64 * dim];
    }

    int dim() {
        return dim;
    }

    int size() {
        return slotOf.size();
    }

    /** Learned events folded into the item's history so far (0 for an unseen item). */
    long count(final String itemId) {
        checkRestored();
        final Integer slot = slotOf.get(itemId);
        return slot == null ? 0 : counts[slot];
    }

    /** Folds one user vector ({@code user[off, off + dim)}) into the item's mean. */
    void add(final String itemId, final float[] user, final int off) {
        checkRestored();
        Integer slot = slotOf.get(itemId);
        if (slot == null) {
            slot = items.size();
            ensure(slot + 1);
            items.add(itemId);
            slotOf.put(itemId, slot);
        }
        final long n = counts[slot] + 1;
        final int base = slot * dim;
        for (int j = 0; j < dim; j++) {
            means[base + j] += (user[off + j] - means[base + j]) / n;
        }
        counts[slot] = n;
        markDirty(slot);
    }

    /** Copies the item's mean user vector into {@code out[off, off + dim)}; leaves zeros for an unseen item. */
    void copy(final String itemId, final float[] out, final int off) {
        final Integer slot = slotOf.get(itemId);
        if (slot != null) {
            System.arraycopy(means, slot * dim, out, off, dim);
        }
    }

    @Override
    public void markAllDirty() {
        for (int s = 0; s < items.size(); s += ROWS_PER_BLOCK) {
            markDirty(s);
        }
    }

    @Override
    public void drain(final Blocks out) {
        for (int b = 0; b < dirtyBlocks.length; b++) {
            if (!dirtyBlocks[b]) {
                continue;
            }
            dirtyBlocks[b] = false;
            final byte[] bytes = encode(b * ROWS_PER_BLOCK, Math.min(items.size(), (b + 1) * ROWS_PER_BLOCK));
            final int pieces = Math.max(1, (bytes.length + PIECE - 1) / PIECE);
            if (pieces > MAX_PIECES) {
                throw new IllegalStateException("item history block " + b + " of " + bytes.length + " bytes");
            }
            for (int p = 0; p < pieces; p++) {
                final int from = p * PIECE;
                final int to = Math.min(bytes.length, from + PIECE);
                out.put(b << 8 | p, o -> {
                    o.writeInt(pieces);
                    o.write(bytes, from, to - from);
                });
            }
        }
    }

    private byte[] encode(final int start, final int end) {
        final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(buffer)) {
            o.writeInt(end - start);
            for (int s = start; s < end; s++) {
                StateStrings.write(o, items.get(s));
                o.writeLong(counts[s]);
            }
            StateCodec.writeFloats(o, means, start * dim, end * dim);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    @Override
    public void restore(final int key, final DataInputStream piece) throws IOException {
        final int block = key >>> 8;
        final int pieces = piece.readInt();
        StateCodec.check(pieces >= 1 && pieces <= MAX_PIECES && (key & 0xFF) < pieces, "piece of history block "
            + block, key & 0xFF, pieces - 1);
        final byte[][] parts = partial.computeIfAbsent(block, b -> new byte[pieces][]);
        StateCodec.check(parts.length == pieces, "pieces of history block " + block, pieces, parts.length);
        parts[key & 0xFF] = piece.readAllBytes();
        for (final byte[] part : parts) {
            if (part == null) {
                return;
            }
        }
        partial.remove(block);
        final java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (final byte[] part : parts) {
            joined.write(part);
        }
        final DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(joined.toByteArray()));
        restoreBlock(block, in);
        if (in.available() != 0) {
            throw new IllegalArgumentException(in.available() + " trailing bytes after item history block " + block);
        }
    }

    private void restoreBlock(final int block, final DataInputStream in) throws IOException {
        final int count = in.readInt();
        StateCodec.check(block >= 0 && count > 0 && count <= ROWS_PER_BLOCK, "items in history block " + block, count,
            ROWS_PER_BLOCK);
        final int start = block * ROWS_PER_BLOCK;
        ensure(start + count);
        while (items.size() < start + count) {
            items.add(null);
        }
        for (int s = start; s < start + count; s++) {
            final String item = StateStrings.read(in);
            if (slotOf.putIfAbsent(item, s) != null) {
                throw new IllegalArgumentException("item history of " + item + " stored twice");
            }
            items.set(s, item);
            counts[s] = in.readLong();
        }
        StateCodec.readFloats(in, means, start * dim, count * dim);
    }

    private void checkRestored() {
        if (!partial.isEmpty()) {
            throw new IllegalStateException("item history blocks " + partial.keySet()
                + " restored without all their pieces: the stored state is incomplete");
        }
    }

    private void markDirty(final int slot) {
        final int block = slot / ROWS_PER_BLOCK;
        if (block >= dirtyBlocks.length) {
            dirtyBlocks = Arrays.copyOf(dirtyBlocks, Math.max(block + 1, 2 * dirtyBlocks.length));
        }
        dirtyBlocks[block] = true;
    }

    private void ensure(final int slots) {
        if (slots > counts.length) {
            final int capacity = Math.max(slots, 2 * counts.length);
            counts = Arrays.copyOf(counts, capacity);
            means = Arrays.copyOf(means, capacity * dim);
        }
    }
}
