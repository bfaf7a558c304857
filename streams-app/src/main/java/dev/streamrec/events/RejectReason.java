package dev.streamrec.events;

/**
 * Why an input record was sent to the dead-letter topic: the one list of the codes in the {@code streamrec.reason}
 * header. The constant names are the machine-readable codes (stable: dashboards and dead-letter consumers match on
 * them); append new reasons, never rename. {@code ops/RUNBOOK.md} lists exactly these (checked by a test).
 */
public enum RejectReason {
    /** The event id is null or blank. */
    MISSING_EVENT_ID,
    /** The user id is null or blank. */
    MISSING_USER_ID,
    /** The item id is null or blank. */
    MISSING_ITEM_ID,
    /** The record key is null or differs from the user id (or the profile's own id). */
    KEY_MISMATCH,
    /** A rating or a numeric attribute is NaN or infinite. */
    NON_FINITE_VALUE,
    /** A rating is outside the configured range. */
    RATING_OUT_OF_RANGE,
    /** The event time is missing, before the configured minimum (by default negative) or after the maximum. */
    EVENT_TIME_OUT_OF_RANGE,
    /** The featurizer: an event has more features than it accepts. */
    TOO_MANY_FEATURES,
    /** The serde: the schema id in the wire header is not known to the registry. */
    UNKNOWN_SCHEMA_ID,
    /** The serde: fewer than the 5 header bytes (magic byte and schema id). */
    TOO_SHORT,
    /** The serde: byte 0 is not the Confluent magic byte {@code 0x00}. */
    BAD_MAGIC_BYTE,
    /** The serde: the writer schema does not resolve to the reader's schema. */
    INCOMPATIBLE_SCHEMA,
    /** The serde: the Avro body is truncated, malformed or followed by extra bytes. */
    UNDECODABLE_BODY,
    /** An event record without a value (a tombstone on an event topic). */
    NULL_VALUE,
    /** A string field (id, group name, categorical value, text) is longer than its {@link FieldLimits} bound. */
    FIELD_TOO_LONG,
    /** A record has more feature groups, or a group more values, than its {@link FieldLimits} bound. */
    TOO_MANY_VALUES,
    /** A numeric attribute's magnitude is above {@link FieldLimits#numericMagnitude()}. */
    VALUE_OUT_OF_RANGE,
    /**
     * Processing the record threw an unexpected exception (a bug, not the record's fault alone); the exception's
     * class and message are in the detail, and every model is as if the record never arrived.
     */
    PROCESSING_ERROR
}
