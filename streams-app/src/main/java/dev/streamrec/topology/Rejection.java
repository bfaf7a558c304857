package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A rejected input record bound for the dead-letter topic: its original bytes, and why and where from.
 *
 * @param reason machine-readable reason code (e.g. {@code UNKNOWN_SCHEMA_ID}, {@code NON_FINITE_VALUE})
 * @param detail human-readable detail
 */
public record Rejection(byte[] key, byte[] value, String reason, String detail, String sourceTopic,
                        int sourcePartition, long sourceOffset) implements Routed {
    public static final String HEADER_REASON = "streamrec.reason";
    public static final String HEADER_DETAIL = "streamrec.detail";
    public static final String HEADER_TOPIC = "streamrec.source.topic";
    public static final String HEADER_PARTITION = "streamrec.source.partition";
    public static final String HEADER_OFFSET = "streamrec.source.offset";

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** A rejection of the record currently processed, with its source taken from the record metadata. */
    public static Rejection of(final byte[] key, final byte[] value, final String reason, final String detail,
                               final RecordMetadata source) {
        return new Rejection(key, value, reason, detail, source == null ? "" : source.topic(),
            source == null ? -1 : source.partition(), source == null ? -1 : source.offset());
    }

    /** The dead-letter headers: reason, detail and source coordinates, as UTF-8 strings. */
    public Headers headers() {
        final Headers headers = new RecordHeaders();
        headers.add(HEADER_REASON, utf8(reason));
        headers.add(HEADER_DETAIL, utf8(detail));
        headers.add(HEADER_TOPIC, utf8(sourceTopic));
        headers.add(HEADER_PARTITION, utf8(Integer.toString(sourcePartition)));
        headers.add(HEADER_OFFSET, utf8(Long.toString(sourceOffset)));
        return headers;
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
