package dev.streamrec.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Parses a schema whose named types may come from references (Confluent's schema references): every referenced
 * schema, its own references first (depth first, each subject version once), is parsed into one
 * {@link Schema.Parser}, so that the root schema can name their types. Shared by the registry (which resolves
 * references against its own subjects) and the HTTP client (which fetches them from the server).
 */
final class ReferencedSchemaParser {
    private ReferencedSchemaParser() {
    }

    /**
     * The parsed schema and its canonical text: Avro's {@link Schema#toString()} for a self-contained schema, the
     * rendering that names the referenced types without repeating them (as Confluent stores it) otherwise.
     */
    record Parsed(Schema schema, String canonical) {
    }

    /**
     * Parses {@code root}, looking up each reference's schema with {@code lookup}.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#INVALID_SCHEMA} for an invalid schema or a
     *                                 reference that does not define the type it names; whatever {@code lookup}
     *                                 throws for a reference it cannot find
     */
    static Parsed parse(final SchemaText root, final Function<SchemaReference, SchemaText> lookup) {
        final Schema.Parser parser = new Schema.Parser();
        define(parser, root.references(), lookup, new HashSet<>());
        final List<Schema> referenced = new ArrayList<>(parser.getTypes().values());
        final Schema schema = parse(parser, root.schema());
        return new Parsed(schema, root.references().isEmpty() ? schema.toString() : schema.toString(referenced,
                false));
    }

    private static void define(final Schema.Parser parser, final List<SchemaReference> references,
                               final Function<SchemaReference, SchemaText> lookup, final Set<String> visited) {
        for (final SchemaReference reference : references) {
            if (!visited.add(reference.subject() + '\u0000' + reference.version())) {
                continue;
            }
            final SchemaText text = lookup.apply(reference);
            define(parser, text.references(), lookup, visited);
            if (!parser.getTypes().containsKey(reference.name())) {
                parse(parser, text.schema());
            }
            if (!parser.getTypes().containsKey(reference.name())) {
                throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: reference "
                        + reference.subject() + " version " + reference.version() + " does not define "
                        + reference.name());
            }
        }
    }

    private static Schema parse(final Schema.Parser parser, final String text) {
        try {
            return parser.parse(text);
        } catch (final RuntimeException e) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: " + e.getMessage());
        }
    }
}
