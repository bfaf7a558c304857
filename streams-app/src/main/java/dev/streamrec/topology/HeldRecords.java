package dev.streamrec.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The encoding of a record a task holds while it waits for a merged round ({@link TaskRounds}): everything its
 * processing reads, so that a held record is processed exactly as it would have been on arrival: its key,
 * timestamp, headers and input position, and the decoded event, snapshot request or round mark.
 */
final class HeldRecords {
    private static final byte VERSION = 1;
    private static final byte EVENT = 0;
    private static final byte SNAPSHOT_REQUEST = 1;
    private static final byte ROUND_MARK = 2;

    private HeldRecords() {
    }

    /** A held record with the input position it was read from (null when it had none). */
    record Held(Record<String, Routed> record, RecordMetadata source) {
    }

    /** An input position as {@link RecordMetadata}. */
    record Position(String topic, int partition, long offset) implements RecordMetadata {
    }

    static byte[] encode(final Record<String, Routed> record, final RecordMetadata source) {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            out.writeLong(record.timestamp());
            writeString(out, record.key());
            final Header[] headers = record.headers().toArray();
            out.writeInt(headers.length);
            for (final Header h : headers) {
                writeString(out, h.key());
                writeBytes(out, h.value());
            }
            out.writeBoolean(source != null);
            if (source != null) {
                writeString(out, source.topic());
                out.writeInt(source.partition());
                out.writeLong(source.offset());
            }
            if (record.value() instanceof DecodedEvent e) {
                out.writeByte(EVENT);
                out.writeByte(e.type().ordinal());
                writeString(out, e.eventId());
                writeString(out, e.userId());
                writeString(out, e.itemId());
                out.writeLong(e.eventTime());
                out.writeDouble(e.label());
                writeBytes(out, e.context() == null ? null : bytes(e.context().toByteBuffer()));
                writeBytes(out, e.rawKey());
                writeBytes(out, e.rawValue());
            } else if (record.value() instanceof SnapshotRequest) {
                out.writeByte(SNAPSHOT_REQUEST);
            } else if (record.value() instanceof RoundMark) {
                out.writeByte(ROUND_MARK);
            } else {
                throw new IllegalArgumentException("only input records are held, not " + record.value());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static Held decode(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("held record of format version " + bytes[0] + "; this build reads "
                    + VERSION);
            }
            final long timestamp = in.readLong();
            final String key = readString(in);
            final Headers headers = new RecordHeaders();
            for (int n = in.readInt(); n > 0; n--) {
                headers.add(readString(in), readBytes(in));
            }
            final RecordMetadata source = in.readBoolean()
                ? new Position(readString(in), in.readInt(), in.readLong()) : null;
            final byte kind = in.readByte();
            final Routed value;
            if (kind == EVENT) {
                final EventType type = EventType.values()[in.readByte()];
                final String eventId = readString(in);
                final String userId = readString(in);
                final String itemId = readString(in);
                final long eventTime = in.readLong();
                final double label = in.readDouble();
                final byte[] context = readBytes(in);
                value = new DecodedEvent(type, eventId, userId, itemId, eventTime, label,
                    context == null ? null : Attributes.fromByteBuffer(ByteBuffer.wrap(context)), readBytes(in),
                    readBytes(in));
            } else {
                value = kind == SNAPSHOT_REQUEST ? new SnapshotRequest() : new RoundMark();
            }
            return new Held(new Record<>(key, value, timestamp, headers), source);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static void writeString(final DataOutputStream out, final String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(final DataInputStream in) throws IOException {
        final byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(final DataOutputStream out, final byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        if (length < 0) {
            return null;
        }
        final byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
