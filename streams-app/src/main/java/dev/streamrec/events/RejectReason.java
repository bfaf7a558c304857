package dev.streamrec.events;

/**
 * Why an input record was rejected to the dead-letter topic. The constant names are the machine-readable codes
 * (stable: dashboards and dead-letter consumers match on them); append new reasons, never rename.
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
    /** Reserved for the featurizer: an event has more features than it accepts. */
    TOO_MANY_FEATURES,
    /** Reserved for the serde layer: the bytes do not decode with the writer schema. */
    UNDECODABLE,
    /** Reserved for the serde layer: the schema id in the wire header is not known to the registry. */
    UNKNOWN_SCHEMA_ID
}
