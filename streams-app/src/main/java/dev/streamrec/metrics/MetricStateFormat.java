package dev.streamrec.metrics;

import java.nio.ByteBuffer;

/**
 * The byte format of persisted metric state: every value starts with the format version byte, then the metric's
 * fields big-endian (doubles as their raw IEEE-754 bits, so a restored metric continues bit for bit). Readers
 * reject an unknown version or a value of the wrong length with a message naming the metric.
 */
final class MetricStateFormat {
    /** The format version this build writes and reads. */
    static final byte VERSION = 1;

    private MetricStateFormat() {
    }

    /** A buffer for a value of {@code fieldBytes} after the version byte, the version already written. */
    static ByteBuffer writer(final int fieldBytes) {
        return ByteBuffer.allocate(1 + fieldBytes).put(VERSION);
    }

    /** The fields of {@code value}, positioned after its checked version byte. */
    static ByteBuffer reader(final String metric, final byte[] value, final int fieldBytes) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty persisted state of metric " + metric);
        }
        if (value[0] != VERSION) {
            throw new IllegalArgumentException("persisted state of metric " + metric + " has format version "
                + value[0] + "; this build reads version " + VERSION);
        }
        if (value.length != 1 + fieldBytes) {
            throw new IllegalArgumentException("persisted state of metric " + metric + " has " + value.length
                + " bytes, expected " + (1 + fieldBytes) + " for format version " + VERSION);
        }
        return ByteBuffer.wrap(value, 1, fieldBytes);
    }

    /** The state of a cumulative (sum, count) metric. */
    static byte[] sumAndCount(final double sum, final long count) {
        return writer(Double.BYTES + Long.BYTES).putDouble(sum).putLong(count).array();
    }

    /** A restored sum and count, as written by {@link #sumAndCount}. */
    record SumAndCount(double sum, long count) {
    }

    /** Reads what {@link #sumAndCount} wrote; rejects an unknown format version, a wrong length or a negative count. */
    static SumAndCount readSumAndCount(final String metric, final byte[] value) {
        final ByteBuffer in = reader(metric, value, Double.BYTES + Long.BYTES);
        final double sum = in.getDouble();
        final long count = in.getLong();
        if (count < 0) {
            throw new IllegalArgumentException(metric + " state has a negative count " + count);
        }
        return new SumAndCount(sum, count);
    }
}
