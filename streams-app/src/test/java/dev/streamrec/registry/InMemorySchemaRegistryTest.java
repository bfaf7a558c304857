package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InMemorySchemaRegistryTest {
    private static final Schema V1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    private static final Schema ADDED_WITH_DEFAULT = SchemaBuilder.record("R").fields().requiredString("a")
            .name("b").type().intType().intDefault(0).endRecord();
    private static final Schema ADDED_REQUIRED = SchemaBuilder.record("R").fields().requiredString("a")
            .requiredInt("b").endRecord();
    private static final Schema REMOVED_REQUIRED = SchemaBuilder.record("R").fields().endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void defaultsToBackwardCompatibility() {
        registry.register("s", V1);
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility("s"));
        assertFalse(registry.checkCompatibility("s", ADDED_REQUIRED), "a new reader cannot fill a missing field");
        assertTrue(registry.checkCompatibility("s", ADDED_WITH_DEFAULT));
        assertTrue(registry.checkCompatibility("s", REMOVED_REQUIRED), "a new reader may ignore a field");
    }

    @Test
    void forwardAndFullCheckTheOtherDirection() {
        registry.register("s", V1);
        registry.setCompatibility("s", CompatibilityLevel.FORWARD);
        assertTrue(registry.checkCompatibility("s", ADDED_REQUIRED), "old readers ignore the new field");
        assertFalse(registry.checkCompatibility("s", REMOVED_REQUIRED), "old readers need field a");
        registry.setCompatibility("s", CompatibilityLevel.FULL);
        assertFalse(registry.checkCompatibility("s", ADDED_REQUIRED));
        assertTrue(registry.checkCompatibility("s", ADDED_WITH_DEFAULT));
        registry.setCompatibility("s", CompatibilityLevel.NONE);
        assertTrue(registry.checkCompatibility("s", SchemaBuilder.record("Other").fields().endRecord()));
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        registry.setGlobalCompatibility(CompatibilityLevel.NONE);
        registry.register("s", V1);
        registry.register("s", REMOVED_REQUIRED);
        final Schema onlyB = SchemaBuilder.record("R").fields().name("b").type().intType().intDefault(0)
                .endRecord();
        registry.setCompatibility("s", CompatibilityLevel.FORWARD);
        assertTrue(registry.checkCompatibility("s", onlyB));
        registry.setCompatibility("s", CompatibilityLevel.FORWARD_TRANSITIVE);
        assertFalse(registry.checkCompatibility("s", onlyB), "version 1 readers need field a");
    }

    @Test
    void incompatibleRegistrationIsRejectedAndLeavesNoTrace() {
        registry.register("s", V1);
        final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> registry.register("s", ADDED_REQUIRED));
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
        assertEquals(409, e.status());
        assertEquals(List.of(1), registry.versions("s"));
        assertEquals(2, registry.register("s", ADDED_WITH_DEFAULT), "no id was used up by the rejection");
    }

    @Test
    void idsAreGlobalAndVersionsPerSubject() {
        assertEquals(1, registry.register("a", V1));
        assertEquals(1, registry.register("a", V1));
        assertEquals(1, registry.register("b", V1));
        assertEquals(2, registry.register("a", ADDED_WITH_DEFAULT));
        assertEquals(new SchemaVersion("a", 2, 2, ADDED_WITH_DEFAULT), registry.latest("a"));
        assertEquals(new SchemaVersion("a", 1, 1, V1), registry.lookupVersion("a", V1));
        assertEquals(List.of("a", "b"), registry.subjects());
        assertEquals(List.of(1, 2), registry.versions("a"));
    }

    @Test
    void reportsMissingThingsWithConfluentCodes() {
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.latest("x")).errorCode());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.schemaById(1)).errorCode());
        registry.register("x", V1);
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.lookup("x", ADDED_REQUIRED)).errorCode());
        assertEquals(SchemaRegistryException.VERSION_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.version("x", 2)).errorCode());
        assertEquals(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                assertThrows(SchemaRegistryException.class, () -> CompatibilityLevel.parse("SIDEWAYS")).errorCode());
        assertEquals(SchemaRegistryException.INVALID_SCHEMA,
                assertThrows(SchemaRegistryException.class, () -> InMemorySchemaRegistry.parse("{")).errorCode());
    }

    @Test
    @Timeout(30)
    void concurrentRegistrationsAgreeOnIds() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                final String subject = "s" + (i % 7);
                final Schema schema = i % 2 == 0 ? V1 : ADDED_WITH_DEFAULT;
                ids.add(pool.submit(() -> registry.register(subject, schema)));
            }
            final HashSet<Integer> distinct = new HashSet<>();
            for (final Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertEquals(2, distinct.size());
            assertEquals(7, registry.subjects().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
