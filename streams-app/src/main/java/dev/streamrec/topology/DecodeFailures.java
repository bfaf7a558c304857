package dev.streamrec.topology;

import dev.streamrec.events.RejectReason;
import dev.streamrec.registry.BadRecordException;

/** Maps a deserialization failure to a dead-letter reason code and detail. */
final class DecodeFailures {
    private DecodeFailures() {
    }

    /**
     * The dead-letter reason of the serde's own cause (same name: {@code UNKNOWN_SCHEMA_ID}, {@code BAD_MAGIC_BYTE},
     * ...). Only bad bytes are dead-lettered; a registry outage is not the record's fault and propagates, failing
     * the task loudly.
     */
    static RejectReason reason(final BadRecordException e) {
        return RejectReason.valueOf(e.reason().name());
    }

    static String detail(final BadRecordException e) {
        final String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
