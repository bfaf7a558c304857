package dev.streamrec.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry protocol that streamrec needs, with Avro schemas as
 * {@link Schema} objects.
 *
 * <p>Contract shared by every implementation: schema ids are global (the same schema text registered under two
 * subjects gets one id), versions are per subject and start at 1, and registration is idempotent. Failures are
 * reported as unchecked {@link SchemaRegistryException}s carrying the HTTP status and Confluent's
 * {@code error_code} (for example {@link SchemaRegistryException#SUBJECT_NOT_FOUND}). Implementations are
 * thread-safe.
 */
public interface SchemaRegistryClient {
    /**
     * Registers {@code schema} under {@code subject}, or returns the id it already has there.
     *
     * @return the global schema id
     * @throws SchemaRegistryException with error code {@link SchemaRegistryException#INCOMPATIBLE_SCHEMA} when the
     *                                 subject's compatibility level forbids the new schema
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of {@code schema} under {@code subject} without registering it.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or
     *                                 {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when it is not registered
     */
    int lookup(String subject, Schema schema);

    /**
     * The schema with a global id.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#SCHEMA_NOT_FOUND} for an unknown id
     */
    Schema schemaById(int id);

    /**
     * The latest version registered under {@code subject}.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#SUBJECT_NOT_FOUND} for an unknown subject
     */
    SchemaVersion latest(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} given its compatibility level; a subject
     * without versions accepts any schema.
     */
    boolean checkCompatibility(String subject, Schema schema);

    /** Sets the compatibility level of one subject (it overrides the registry-wide default). */
    void setCompatibility(String subject, CompatibilityLevel level);
}
