package dev.streamrec.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;

/**
 * The record keys of parameter sync, big-endian so that a store's key order is round order (rounds of real event
 * times are not negative), and the cutting of an encoded delta into records:
 * <pre>
 *   a task's delta (sync-deltas):  [round long][task int][chunk int][chunks int]
 *   a merged round (sync-merged):  [round long][chunk int][chunks int]
 * </pre>
 */
final class SyncChunks {
    static final int DELTA_KEY_BYTES = 20;
    static final int MERGED_KEY_BYTES = 16;

    private SyncChunks() {
    }

    /** A delta key, parsed. */
    record DeltaKey(long round, int task, int chunk, int chunks) {
    }

    static byte[] deltaKey(final long round, final int task, final int chunk, final int chunks) {
        return ByteBuffer.allocate(DELTA_KEY_BYTES).putLong(round).putInt(task).putInt(chunk).putInt(chunks).array();
    }

    static DeltaKey parseDeltaKey(final byte[] key) {
        if (key == null || key.length != DELTA_KEY_BYTES) {
            throw new IllegalArgumentException("a sync delta key has " + DELTA_KEY_BYTES + " bytes, not "
                + (key == null ? "none" : key.length));
        }
        final ByteBuffer in = ByteBuffer.wrap(key);
        return new DeltaKey(in.getLong(), in.getInt(), in.getInt(), in.getInt());
    }

    static byte[] mergedKey(final long round, final int chunk, final int chunks) {
        return ByteBuffer.allocate(MERGED_KEY_BYTES).putLong(round).putInt(chunk).putInt(chunks).array();
    }

    /** The chunk count a merged key names. */
    static int mergedChunks(final byte[] key) {
        return ByteBuffer.wrap(key).getInt(12);
    }

    /** The smallest key of {@code round} in a store keyed by either format. */
    static Bytes roundStart(final long round) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(round).array());
    }

    /** Cuts {@code bytes} into pieces of at most {@code chunkBytes}; an empty delta is one empty piece. */
    static List<byte[]> split(final byte[] bytes, final int chunkBytes) {
        final List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < bytes.length || chunks.isEmpty(); from += chunkBytes) {
            chunks.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunkBytes)));
        }
        return chunks;
    }

    /** The pieces of {@link #split}, joined in order. */
    static byte[] join(final List<byte[]> chunks) {
        int length = 0;
        for (final byte[] chunk : chunks) {
            length += chunk.length;
        }
        final ByteBuffer out = ByteBuffer.allocate(length);
        chunks.forEach(out::put);
        return out.array();
    }
}
