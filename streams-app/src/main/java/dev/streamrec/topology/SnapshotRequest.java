package dev.streamrec.topology;

import org.apache.kafka.common.header.Headers;

/**
 * A request that the receiving stream task snapshot every model now, whatever the snapshot interval: a record on
 * an event topic (impressions or ratings) carrying the header {@value #HEADER}; its key and value are ignored. It
 * is neither scored nor dead-lettered. {@code demo --export} sends one to every partition after its last event, so
 * the export holds the final models. Anyone who may write to the event topics may send one; it costs one snapshot.
 */
public record SnapshotRequest() implements Routed {
    /** The header that marks a record as a snapshot request. */
    public static final String HEADER = "streamrec-snapshot-request";

    /** Whether a record with these headers is a snapshot request. */
    static boolean carriedBy(final Headers headers) {
        return headers.lastHeader(HEADER) != null;
    }
}
