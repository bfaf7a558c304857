package dev.streamrec.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic schema must stay backward compatible with its last released version (consumers on the new schema
 * read records written with the old one), and every field must say what it means.
 */
class SchemaCompatibilityTest {
    /** The last released version whose copies sit under {@code src/test/resources/released}. */
    private static final String RELEASED = "0.1.0";

    static Stream<Class<?>> topicRecords() {
        return Stream.of(ImpressionEvent.class, RatingEvent.class, UserProfile.class, ItemProfile.class,
            ScoredEvent.class);
    }

    @ParameterizedTest
    @MethodSource("topicRecords")
    void readsRecordsWrittenWithTheReleasedSchema(final Class<?> type) throws IOException {
        final Schema current = SpecificData.get().getSchema(type);
        final Schema released = released(type.getSimpleName());
        final SchemaCompatibility.SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
            () -> type.getSimpleName() + " is not backward compatible with " + RELEASED + ": " + result.getResult());
    }

    /** Topic records documented too, but not yet in a released version. */
    static Stream<Class<?>> documentedRecords() {
        return Stream.concat(topicRecords(), Stream.of(SnapshotRecord.class, SnapshotManifest.class,
            SnapshotChunk.class));
    }

    @ParameterizedTest
    @MethodSource("documentedRecords")
    void documentsEveryField(final Class<?> type) {
        final Schema schema = SpecificData.get().getSchema(type);
        assertNotNull(schema.getDoc(), type.getSimpleName() + " has no doc");
        for (final Schema.Field field : schema.getFields()) {
            assertNotNull(field.doc(), type.getSimpleName() + "." + field.name() + " has no doc");
            assertFalse(field.doc().isBlank(), type.getSimpleName() + "." + field.name() + " has a blank doc");
        }
    }

    @ParameterizedTest
    @MethodSource("topicRecords")
    void detectsAnIncompatibleChange(final Class<?> type) {
        final Schema current = SpecificData.get().getSchema(type);
        final List<Schema.Field> fields = current.getFields().stream()
            .map(f -> new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal())).toList();
        final Schema withNewRequiredField = Schema.createRecord(current.getName(), current.getDoc(),
            current.getNamespace(), false, Stream.concat(fields.stream(),
                Stream.of(new Schema.Field("requiredWithoutDefault", Schema.create(Schema.Type.STRING), "x")))
                .toList());
        assertTrue(SchemaCompatibility.checkReaderWriterCompatibility(withNewRequiredField, current).getType()
            == SchemaCompatibilityType.INCOMPATIBLE, "the check must be able to fail");
    }

    private static Schema released(final String name) throws IOException {
        final Schema.Parser parser = new Schema.Parser();
        for (final String dependency : List.of("Attributes", "EventType", "Prediction")) {
            try (InputStream in = resource(dependency)) {
                parser.parse(in);
            }
        }
        if (List.of("Attributes", "EventType", "Prediction").contains(name)) {
            return parser.getTypes().get("dev.streamrec.schema." + name);
        }
        try (InputStream in = resource(name)) {
            return parser.parse(in);
        }
    }

    private static InputStream resource(final String name) {
        final InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(
            "/released/" + RELEASED + "/" + name + ".avsc");
        return java.util.Objects.requireNonNull(in, "missing released schema " + name);
    }
}
