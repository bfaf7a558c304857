package dev.streamrec.models.params;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * A dense float tensor {@code values[from, from + length)} with its optimiser slots (Adam moments, AdaGrad
 * accumulators: arrays indexed like the values), persisted whole in chunks once anything changed. The arrays are the
 * model's own (not copied): the model steps them in place and calls {@link #markDirty}.
 *
 * <p>Block {@code c} holds values and slots of elements {@code [c * chunk, (c + 1) * chunk)}: the values, then each
 * slot; {@code chunk} is as large as fits {@link StateCodec#MAX_VALUE_BYTES}.
 */
public final class DenseTensor implements Persisted {
    private static final int HEADER_ALLOWANCE = 64;

    private final float[] values;
    private final float[][] slots;
    private final int from;
    private final int length;
    private final int chunk;
    private final Runnable onRestore;
    private boolean dirty = true;
    private long changes;

    /** @param onRestore run after each restored block (e.g. to refresh a native mirror of the values) */
    public DenseTensor(final float[] values, final float[][] slots, final int from, final int length,
                       final Runnable onRestore) {
        this.onRestore = onRestore;
        this.values = values;
        this.slots = slots;
        this.from = from;
        this.length = length;
        this.chunk = (StateCodec.MAX_VALUE_BYTES - HEADER_ALLOWANCE) / (Float.BYTES * (1 + slots.length)
            + Integer.BYTES);
    }

    /** The whole of {@code values} and {@code slots}. */
    public DenseTensor(final float[] values, final float[][] slots) {
        this(values, slots, 0, values.length, () -> { });
    }

    /** Elements per block. */
    public int chunk() {
        return chunk;
    }

    /** Call after changing values or slots. */
    public void markDirty() {
        dirty = true;
        changes++;
    }

    /** The model's value array (elements {@code [from, from + length)} are this tensor's); for parameter sync. */
    public float[] values() {
        return values;
    }

    public int from() {
        return from;
    }

    public int length() {
        return length;
    }

    /** How many times {@link #markDirty} was called: unchanged means the values did not change in between. */
    public long changes() {
        return changes;
    }

    /** Call after changing {@link #values()} from outside the model (parameter sync): persists and refreshes them. */
    public void valuesChanged() {
        dirty = true;
        onRestore.run();
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
        for (int c = 0; c == 0 || c * chunk < length; c++) {
            final int start = from + c * chunk;
            final int end = from + Math.min(length, (c + 1) * chunk);
            out.put(c, o -> {
                o.writeByte(slots.length);
                StateCodec.writeFloats(o, values, start, end);
                for (final float[] slot : slots) {
                    StateCodec.writeFloats(o, slot, start, end);
                }
            });
        }
        dirty = false;
    }

    @Override
    public void restore(final int block, final DataInputStream in) throws IOException {
        final int slotCount = in.readByte();
        StateCodec.check(slotCount == slots.length, "optimiser slots (another optimiser?)", slotCount,
            slots.length);
        StateCodec.check(block >= 0 && (block == 0 || (long) block * chunk < length), "dense chunk", block,
            Math.max(0, (length - 1) / chunk));
        final int start = from + block * chunk;
        final int count = Math.min(length, (block + 1) * chunk) - block * chunk;
        StateCodec.readFloats(in, values, start, Math.max(count, 0));
        for (final float[] slot : slots) {
            StateCodec.readFloats(in, slot, start, Math.max(count, 0));
        }
        dirty = false;
        onRestore.run();
    }
}
