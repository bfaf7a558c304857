package dev.streamrec.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject, as returned by {@code GET /subjects/{s}/versions/latest}.
 *
 * @param subject the subject name, e.g. {@code impressions-value}
 * @param id      the global schema id
 * @param version the subject-local version, starting at 1
 * @param schema  the schema
 */
public record SchemaVersion(String subject, int id, int version, Schema schema) {
    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
    }
}
