package dev.streamrec.registry;

import java.util.Objects;

/**
 * A Confluent schema reference: the schema being registered uses the named Avro type {@code name}, defined by
 * version {@code version} of {@code subject}. JSON: {@code {"name": ..., "subject": ..., "version": ...}}.
 *
 * @param name    the full name of the referenced Avro type, e.g. {@code dev.streamrec.schema.Attributes}
 * @param subject the subject that holds the referenced schema
 * @param version the version of that subject, from 1
 */
public record SchemaReference(String name, String subject, int version) {
    public SchemaReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }
}
