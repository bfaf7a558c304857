package dev.streamrec.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shape of a schema in Confluent's protocol, both directions: {@code {"schema": "...", "schemaType":
 * "AVRO", "references": [{"name", "subject", "version"}]}}, where {@code schemaType} defaults to {@code AVRO} and
 * {@code references} to none (both are left out of answers then, as Confluent does).
 */
final class RegistryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryJson() {
    }

    /**
     * The schema of a request or an answer.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#INVALID_SCHEMA} for a non-Avro schema, a
     *                                 missing {@code schema} field or a malformed reference
     */
    static SchemaText schemaText(final JsonNode node) {
        final JsonNode type = node.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !type.asText().equals("AVRO")) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA,
                    "Unsupported schema type " + type.asText() + " (only AVRO)");
        }
        final JsonNode text = node.path("schema");
        if (!text.isTextual()) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Missing field 'schema'");
        }
        final List<SchemaReference> references = new ArrayList<>();
        for (final JsonNode reference : node.path("references")) {
            final JsonNode name = reference.path("name");
            final JsonNode subject = reference.path("subject");
            final JsonNode version = reference.path("version");
            if (!name.isTextual() || !subject.isTextual() || !version.canConvertToInt() || version.asInt() < 1) {
                throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA,
                        "Invalid schema reference " + reference + ": needs name, subject and a version from 1");
            }
            references.add(new SchemaReference(name.asText(), subject.asText(), version.asInt()));
        }
        return new SchemaText(text.asText(), references);
    }

    /** {@code {"schema": ..., "references": [...]}}, references left out when there are none. */
    static ObjectNode schemaJson(final SchemaText text) {
        final ObjectNode node = JSON.createObjectNode().put("schema", text.schema());
        if (!text.references().isEmpty()) {
            final ArrayNode references = node.putArray("references");
            for (final SchemaReference reference : text.references()) {
                references.addObject().put("name", reference.name()).put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        return node;
    }
}
