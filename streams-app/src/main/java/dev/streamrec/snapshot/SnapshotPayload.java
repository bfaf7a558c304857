package dev.streamrec.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a snapshot: every persisted state entry of one model in one task, sorted by key, so the same state
 * always gives the same bytes. Restoring these entries in any order gives the model bit-exactly back (the
 * {@code OnlineModel} persistence contract), which makes snapshots exact resume points.
 *
 * <p>Format {@value #FORMAT_VERSION}: magic {@code SRSN}, format version (1 byte), entry count (4 bytes), then per
 * entry key length (4 bytes), key, value length (4 bytes), value; integers big-endian. Version 2: the entries are
 * in the models' common state format ({@code models.params.StateCodec} version 2); version 1 held the per-model
 * formats that preceded it, was never released, and is not read.
 */
public final class SnapshotPayload {
    /** The payload format this code writes and reads. */
    public static final int FORMAT_VERSION = 2;
    private static final byte[] MAGIC = {'S', 'R', 'S', 'N'};

    private SnapshotPayload() {
    }

    /** Encodes {@code entries} in key order (the input order does not matter). */
    public static byte[] encode(final List<StateEntry> entries) {
        final List<StateEntry> sorted = new ArrayList<>(entries);
        sorted.sort(StateEntry.BY_KEY);
        long size = MAGIC.length + 1 + 4;
        for (final StateEntry entry : sorted) {
            size += 8L + entry.key().length + entry.value().length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("snapshot payload of " + size + " bytes exceeds 2 GiB");
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(FORMAT_VERSION);
            out.writeInt(sorted.size());
            for (final StateEntry entry : sorted) {
                out.writeInt(entry.key().length);
                out.write(entry.key());
                out.writeInt(entry.value().length);
                out.write(entry.value());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload; rejects other magic bytes, unknown format versions and truncated or padded input. */
    public static List<StateEntry> decode(final byte[] payload) {
        final ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            for (final byte b : MAGIC) {
                if (in.get() != b) {
                    throw new IllegalArgumentException("not a streamrec snapshot payload (bad magic)");
                }
            }
            final int version = in.get();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("snapshot payload format version " + version
                    + " is not supported; this streamrec reads version " + FORMAT_VERSION);
            }
            final int count = in.getInt();
            if (count < 0) {
                throw new IllegalArgumentException("negative entry count " + count);
            }
            final List<StateEntry> entries = new ArrayList<>(Math.min(count, 1 << 20));
            for (int i = 0; i < count; i++) {
                final byte[] key = new byte[in.getInt()];
                in.get(key);
                final byte[] value = new byte[in.getInt()];
                in.get(value);
                entries.add(new StateEntry(key, value));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last snapshot entry");
            }
            return entries;
        } catch (final BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated snapshot payload (" + payload.length + " bytes)", e);
        }
    }
}
