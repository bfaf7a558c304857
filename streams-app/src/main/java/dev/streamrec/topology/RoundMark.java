package dev.streamrec.topology;

import org.apache.kafka.common.header.Headers;

/**
 * A round mark: a record on an event topic carrying the header {@value #HEADER}, key and value ignored, whose
 * timestamp closes every sync round before it in the receiving task, as an event of that time would. A producer
 * writes one to every partition when a partition may stay quiet (and after the last event of a replay), so that
 * no task waits for a round a quiet task never closes. Neither scored nor dead-lettered; ignored with sync off.
 */
record RoundMark() implements Routed {
    /** The header that marks a record as a round mark. */
    static final String HEADER = "streamrec-round-mark";

    /** Whether a record with these headers is a round mark. */
    static boolean carriedBy(final Headers headers) {
        return headers.lastHeader(HEADER) != null;
    }
}
