package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ScoredEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.entities.SchemaReference;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Schema references from a client streamrec did not write: Confluent's own {@code CachedSchemaRegistryClient}
 * 7.5.3 registers the project's {@code .avsc} files with each named type under its own subject (Confluent's
 * default reference subject is the type's full name), and streamrec reads events written with those schema ids.
 */
@Timeout(60)
class SchemaReferencesTest {
    private static final String ATTRIBUTES = ProjectSchemas.NAMESPACE + "Attributes";
    private static final String PREDICTION = ProjectSchemas.NAMESPACE + "Prediction";

    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();
    private final CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(embedded.url(), 100);

    @AfterEach
    void stop() {
        embedded.close();
    }

    @Test
    void confluentClientRegistersTheProjectSchemasAsReferencesAndStreamrecReadsEventsWrittenWithThem()
            throws IOException, RestClientException {
        final int impressionId = registerWithReferences("impressions-value", "ImpressionEvent", "Attributes");
        final SchemaText stored = embedded.registry().textById(impressionId);
        assertEquals(List.of(new dev.streamrec.registry.SchemaReference(ATTRIBUTES, ATTRIBUTES, 1)),
                stored.references());
        assertTrue(!stored.schema().contains("\"categorical\""), "the referenced type is named, not repeated");

        final HttpSchemaRegistryClient ours = client();
        assertEquals(SchemaNormalization.toParsingForm(ImpressionEvent.getClassSchema()),
                SchemaNormalization.toParsingForm(ours.schemaById(impressionId)),
                "resolved with its reference, the writer schema is the generated class's (up to Java properties)");
        final Schema writer = new Schema.Parser().parse(confluent.getSchemaById(impressionId).rawSchema()
                .toString());
        final byte[] bytes = ConfluentAvroSerdeTest.frame(impressionId, writer, SampleRecords.impression());
        final ConfluentAvroSerde<ImpressionEvent> serde = new ConfluentAvroSerde<>(client(), ImpressionEvent.class,
                false);
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
        final long requests = embedded.requestCount();
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
        assertEquals(requests, embedded.requestCount(), "the schema and its references are cached");
    }

    @Test
    void readsScoredEventsWhoseSchemaReferencesTwoSubjects() throws IOException, RestClientException {
        final int scoredId = registerWithReferences("scored-value", "ScoredEvent", "EventType", "Prediction");
        assertEquals(2, embedded.registry().textById(scoredId).references().size());
        final Schema writer = new Schema.Parser().parse(confluent.getSchemaById(scoredId).rawSchema().toString());
        final byte[] bytes = ConfluentAvroSerdeTest.frame(scoredId, writer, SampleRecords.scored());
        final ConfluentAvroSerde<ScoredEvent> serde = new ConfluentAvroSerde<>(client(), ScoredEvent.class, false);
        assertEquals(SampleRecords.scored(), serde.deserializer().deserialize("scored", bytes));
        assertEquals(List.of(scoredId), embedded.registry().referencedBy(PREDICTION, 1));
    }

    @Test
    void aReferencedVersionCannotBeDeletedWhileReferenced() throws IOException, RestClientException {
        final int impressionId = registerWithReferences("impressions-value", "ImpressionEvent", "Attributes");
        final RestClientException refused = assertThrows(RestClientException.class,
                () -> confluent.deleteSubject(ATTRIBUTES));
        assertEquals(422, refused.getStatus());
        assertEquals(SchemaRegistryException.REFERENCE_EXISTS, refused.getErrorCode());
        assertEquals(List.of(1), confluent.deleteSubject("impressions-value"));
        assertEquals(List.of(1), confluent.deleteSubject("impressions-value", true));
        assertEquals(List.of(1), confluent.deleteSubject(ATTRIBUTES));
        assertEquals(List.of(), confluent.getAllSubjects());
        assertEquals(404, assertThrows(RestClientException.class,
                () -> confluent.getSchemaBySubjectAndId("impressions-value", impressionId)).getStatus());
    }

    @Test
    void ourClientResolvesReferencesOfReferencesEachOnce() {
        final InMemorySchemaRegistry registry = embedded.registry();
        registry.registerText("status", SchemaText.of(RegistryEndpointTableTest.STATUS));
        registry.registerText("tracked", new SchemaText(RegistryEndpointTableTest.TRACKED,
                List.of(new dev.streamrec.registry.SchemaReference("demo.Status", "status", 1))));
        final String outer = "{\"type\":\"record\",\"name\":\"Outer\",\"namespace\":\"demo\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"demo.Tracked\"},{\"name\":\"b\",\"type\":\"demo.Status\"}]}";
        final int outerId = registry.registerText("outer-value", new SchemaText(outer, List.of(
                new dev.streamrec.registry.SchemaReference("demo.Tracked", "tracked", 1),
                new dev.streamrec.registry.SchemaReference("demo.Status", "status", 1)))).id();

        final HttpSchemaRegistryClient ours = client();
        final long before = embedded.requestCount();
        final Schema resolved = ours.schemaById(outerId);
        assertEquals(3, embedded.requestCount() - before, "the id, then tracked/1 and status/1 once each");
        assertEquals(resolved.getField("b").schema(), resolved.getField("a").schema().getField("status").schema());
        assertEquals(registry.schemaById(outerId), resolved);
        assertEquals(resolved, ours.latest("outer-value").schema());
        assertEquals(4, embedded.requestCount() - before, "latest asks the server, its references are cached");
    }

    /** Registers each referenced type under its full name, then the schema with references to them. */
    private int registerWithReferences(final String subject, final String file, final String... referenced)
            throws IOException, RestClientException {
        final List<SchemaReference> references = new java.util.ArrayList<>();
        final Map<String, String> resolved = new java.util.HashMap<>();
        for (final String type : referenced) {
            final String name = ProjectSchemas.NAMESPACE + type;
            final String text = ProjectSchemas.avsc(type);
            confluent.register(name, new AvroSchema(text));
            references.add(new SchemaReference(name, name, 1));
            resolved.put(name, text);
        }
        return confluent.register(subject, new AvroSchema(ProjectSchemas.avsc(file), references, resolved, null));
    }

    private HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(RegistryClientConfig.of(embedded.url()).withRetries(0,
                Duration.ofMillis(1)));
    }
}
