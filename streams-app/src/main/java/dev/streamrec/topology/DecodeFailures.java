package dev.streamrec.topology;

import dev.streamrec.registry.BadRecordException;

/** Maps a deserialization failure to a dead-letter reason code and detail. */
final class DecodeFailures {
    private DecodeFailures() {
    }

    /**
     * The serde's own reason code (e.g. {@code UNKNOWN_SCHEMA_ID}, {@code BAD_MAGIC_BYTE}). Only bad bytes are
     * dead-lettered; a registry outage is not the record's fault and propagates, failing the task loudly.
     */
    static String reason(final BadRecordException e) {
        return e.reason().name();
    }

    static String detail(final BadRecordException e) {
        final String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
