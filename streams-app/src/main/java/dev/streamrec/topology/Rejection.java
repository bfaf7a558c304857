package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.streamrec.events.RejectReason;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A rejected input record bound for the dead-letter topic: its original bytes, and why and where from.
 *
 * @param reason why (its name is the machine-readable code in the {@value #HEADER_REASON} header)
 * @param detail human-readable detail
 */
public record Rejection(byte[] key, byte[] value, RejectReason reason, String detail, String sourceTopic,
                        int sourcePartition, long sourceOffset) implements Routed {
    public static final String HEADER_REASON = "streamrec.reason";
    public static final String HEADER_DETAIL = "streamrec.detail";
    public static final String HEADER_TOPIC = "streamrec.source.topic";
    public static final String HEADER_PARTITION = "streamrec.source.partition";
    public static final String HEADER_OFFSET = "streamrec.source.offset";

    /** Longest detail kept, in chars: a detail quoting a huge field must not make the dead letter too large. */
    public static final int MAX_DETAIL_CHARS = 1_000;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        if (detail.length() > MAX_DETAIL_CHARS) {
            detail = detail.substring(0, MAX_DETAIL_CHARS) + "... (" + detail.length() + " chars)";
        }
    }

    /** A rejection of the record currently processed, with its source taken from the record metadata. */
    public static Rejection of(final byte[] key, final byte[] value, final RejectReason reason, final String detail,
                               final RecordMetadata source) {
        return new Rejection(key, value, reason, detail, source == null ? "" : source.topic(),
            source == null ? -1 : source.partition(), source == null ? -1 : source.offset());
    }

    /** The dead-letter headers: reason, detail and source coordinates, as UTF-8 strings. */
    public Headers headers() {
        final Headers headers = new RecordHeaders();
        headers.add(HEADER_REASON, utf8(reason.name()));
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
