package dev.streamrec.features;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Versioned binary form of an {@link Example}, for models that persist buffered examples (mini-batches).
 *
 * <p>Format version 1, big-endian: {@code [version=1][task ordinal byte][label double][userId: int length + UTF-8]
 * [itemId: int length + UTF-8][eventTime long][categorical][numeric]}, each feature list as {@code [int size]} then
 * {@code size} times {@code [index int][value float][group int]}. Decoding rejects unknown versions with a message
 * naming both, and trailing or missing bytes.
 */
public final class ExampleCodec {
    /** The format version written by {@link #encode}. */
    public static final byte FORMAT_VERSION = 1;

    private ExampleCodec() {
    }

    public static byte[] encode(final Example example) {
        final byte[] user = example.userId().getBytes(StandardCharsets.UTF_8);
        final byte[] item = example.itemId().getBytes(StandardCharsets.UTF_8);
        final int size = 1 + 1 + 8 + 4 + user.length + 4 + item.length + 8
            + featuresSize(example.categorical()) + featuresSize(example.numeric());
        final ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(FORMAT_VERSION).put((byte) example.task().ordinal()).putDouble(example.label());
        buf.putInt(user.length).put(user).putInt(item.length).put(item).putLong(example.eventTime());
        putFeatures(buf, example.categorical());
        putFeatures(buf, example.numeric());
        return buf.array();
    }

    public static Example decode(final byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes exactly {@code bytes[offset, offset + length)}. */
    public static Example decode(final byte[] bytes, final int offset, final int length) {
        if (length < 1) {
            throw new IllegalArgumentException("empty example encoding");
        }
        if (bytes[offset] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown example format version " + bytes[offset]
                + "; this build reads version " + FORMAT_VERSION);
        }
        final ByteBuffer buf = ByteBuffer.wrap(bytes, offset + 1, length - 1);
        try {
            final int taskOrdinal = buf.get();
            final Task[] tasks = Task.values();
            if (taskOrdinal < 0 || taskOrdinal >= tasks.length) {
                throw new IllegalArgumentException("unknown task ordinal " + taskOrdinal + " in example encoding");
            }
            final double label = buf.getDouble();
            final String user = getString(buf);
            final String item = getString(buf);
            final long eventTime = buf.getLong();
            final SparseFeatures categorical = getFeatures(buf);
            final SparseFeatures numeric = getFeatures(buf);
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(buf.remaining() + " trailing bytes after an encoded example");
            }
            return new Example(tasks[taskOrdinal], label, user, item, eventTime, categorical, numeric);
        } catch (final BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated example encoding (" + length + " bytes)", e);
        }
    }

    private static int featuresSize(final SparseFeatures features) {
        return 4 + 12 * features.size();
    }

    private static void putFeatures(final ByteBuffer buf, final SparseFeatures features) {
        buf.putInt(features.size());
        for (int i = 0; i < features.size(); i++) {
            buf.putInt(features.index(i)).putFloat(features.value(i)).putInt(features.group(i));
        }
    }

    private static SparseFeatures getFeatures(final ByteBuffer buf) {
        final int size = buf.getInt();
        if (size < 0 || size > buf.remaining() / 12) {
            throw new IllegalArgumentException("bad feature count " + size + " in example encoding");
        }
        final SparseFeatures features = new SparseFeatures(Math.max(size, 1));
        for (int i = 0; i < size; i++) {
            features.add(buf.getInt(), buf.getFloat(), buf.getInt());
        }
        return features;
    }

    private static String getString(final ByteBuffer buf) {
        final int length = buf.getInt();
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("bad string length " + length + " in example encoding");
        }
        final byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
