package dev.streamrec.topology;

import dev.streamrec.events.RejectReason;
import dev.streamrec.registry.BadRecordException;

/** Maps a deserialization failure to a dead-letter reason code and detail. */
final class DecodeFailures {
    private DecodeFailures() {
    }

    /** The serde's own reason (e.g. {@code UNKNOWN_SCHEMA_ID}, {@code BAD_MAGIC_BYTE}), else {@code UNDECODABLE}. */
    static String reason(final RuntimeException e) {
        return e instanceof BadRecordException bad ? bad.reason().name() : RejectReason.UNDECODABLE.name();
    }

    static String detail(final RuntimeException e) {
        final String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
