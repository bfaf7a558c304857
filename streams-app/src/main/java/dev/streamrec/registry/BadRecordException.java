package dev.streamrec.registry;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a valid Confluent-framed Avro record for the reader: thrown by
 * {@link ConfluentAvroDeserializer} so that the topology can send the record to the dead-letter topic with
 * {@link #reason()} as a machine-readable cause. Registry outages are <em>not</em> reported this way (they are
 * {@link SchemaRegistryException}s): a record is only "bad" when the bytes themselves are at fault.
 */
public class BadRecordException extends SerializationException {
    /** Why the bytes were rejected. */
    public enum Reason {
        /** Fewer than the 5 header bytes (magic byte + 4-byte schema id). */
        TOO_SHORT,
        /** Byte 0 is not {@code 0x00}. */
        BAD_MAGIC_BYTE,
        /** The registry does not know the schema id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The writer schema cannot be resolved to the reader's schema (Avro schema resolution fails). */
        INCOMPATIBLE_SCHEMA,
        /** The Avro body is truncated, malformed or followed by extra bytes. */
        UNDECODABLE_BODY
    }

    private static final long serialVersionUID = 1L;

    /** Schema id value when the header could not be read. */
    public static final int NO_SCHEMA_ID = -1;

    private final Reason reason;
    private final String topic;
    private final int schemaId;

    /**
     * @param reason   the machine-readable cause
     * @param topic    the topic the bytes came from
     * @param schemaId the schema id in the header, or {@link #NO_SCHEMA_ID}
     * @param detail   human-readable detail
     * @param cause    the underlying failure, may be {@code null}
     */
    public BadRecordException(final Reason reason, final String topic, final int schemaId, final String detail,
                              final Throwable cause) {
        super(reason + " on topic " + topic + (schemaId == NO_SCHEMA_ID ? "" : " (schema id " + schemaId + ")")
                + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.topic = topic;
        this.schemaId = schemaId;
    }

    /** The machine-readable cause, e.g. for a dead-letter header. */
    public Reason reason() {
        return reason;
    }

    /** The topic the bytes came from. */
    public String topic() {
        return topic;
    }

    /** The schema id from the header, or {@link #NO_SCHEMA_ID} when there was none. */
    public int schemaId() {
        return schemaId;
    }
}
