package dev.streamrec.registry;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the REST protocol carries it: the Avro schema text and the references that define the named types
 * it uses without defining them (empty for a self-contained schema).
 *
 * @param schema     the schema text
 * @param references the references, in the order they were given
 */
public record SchemaText(String schema, List<SchemaReference> references) {
    public SchemaText {
        Objects.requireNonNull(schema, "schema");
        references = List.copyOf(references);
    }

    /** A self-contained schema. */
    public static SchemaText of(final String schema) {
        return new SchemaText(schema, List.of());
    }
}
