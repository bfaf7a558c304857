package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** Confluent's soft and hard delete semantics, as sequences of operations on one registry. */
class SchemaDeletionTest {
    private static final Schema V1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    private static final Schema V2 = SchemaBuilder.record("R").fields().requiredString("a")
            .optionalString("b").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void softDeletedVersionsKeepTheirIdsReadableAndAreNotRenumbered() {
        assertEquals(1, registry.register("s", V1));
        assertEquals(2, registry.register("s", V2));
        assertEquals(2, registry.deleteVersion("s", 2, false));
        assertEquals(List.of(1), registry.versions("s"));
        assertEquals(List.of(1, 2), registry.versions("s", true));
        assertEquals(V2, registry.schemaById(2), "a soft-deleted id stays readable for old records");
        assertEquals(1, registry.latest("s").version());

        final SchemaVersion again = registry.registerVersion("s", V2);
        assertEquals(2, again.id(), "the same schema keeps its id");
        assertEquals(3, again.version(), "version numbers are not reused");
    }

    @Test
    void hardDeleteNeedsSoftDeleteFirstAndThenForgetsTheSubject() {
        registry.register("s", V1);
        registry.setCompatibility("s", CompatibilityLevel.NONE);
        assertEquals(SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED, assertThrows(SchemaRegistryException.class,
                () -> registry.deleteSubject("s", true)).errorCode());
        assertEquals(List.of(1), registry.deleteSubject("s", false));
        assertEquals(List.of(), registry.subjects());
        assertEquals(List.of("s"), registry.subjects(true));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> registry.latest("s")).errorCode());
        assertEquals(V1, registry.schemaById(1));

        assertEquals(List.of(1), registry.deleteSubject("s", true));
        assertEquals(List.of(), registry.subjects(true));
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> registry.schemaById(1)).errorCode(), "no version holds id 1 any more");
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility("s"), "its config went with it");

        final SchemaVersion reborn = registry.registerVersion("s", V1);
        assertEquals(1, reborn.version());
        assertEquals(1, reborn.id(), "the schema's id is kept for a re-registration");
    }

    @Test
    void readOnlyModeRefusesRegistrationsAndDeletionsButNotReads() {
        registry.register("s", V1);
        registry.withSettings(settings -> {
            settings.setGlobalMode(RegistryMode.READONLY);
            return null;
        });
        assertEquals(1, registry.register("s", V1), "an existing schema is only looked up");
        assertEquals(SchemaRegistryException.OPERATION_NOT_PERMITTED, assertThrows(SchemaRegistryException.class,
                () -> registry.register("s", V2)).errorCode());
        assertEquals(SchemaRegistryException.OPERATION_NOT_PERMITTED, assertThrows(SchemaRegistryException.class,
                () -> registry.deleteSubject("s", false)).errorCode());
        assertEquals(V1, registry.latest("s").schema());
    }
}
