package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ScoredEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaMetadata;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the protocol against an implementation streamrec did not write: Confluent's own
 * {@code CachedSchemaRegistryClient} 7.5.3 (shaded inside Flink's registry format, with its own relocated Avro,
 * so schemas cross the boundary as JSON strings only).
 */
@Timeout(60)
class ConfluentClientInteropTest {
    private static final String SUBJECT = "impressions-value";

    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();
    private final CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(embedded.url(), 100);
    private final HttpSchemaRegistryClient ours = new HttpSchemaRegistryClient(
            RegistryClientConfig.of(embedded.url()).withRetries(0, Duration.ofMillis(1)));

    @AfterEach
    void stop() {
        embedded.close();
    }

    @Test
    void confluentClientRegistersAndFetchesWithIdsThatAgreeWithOurs() throws IOException, RestClientException {
        final String text = ImpressionEvent.getClassSchema().toString();
        final int confluentId = confluent.register(SUBJECT, new AvroSchema(text));
        assertEquals(confluentId, ours.register(SUBJECT, ImpressionEvent.getClassSchema()));
        assertEquals(confluentId, ours.lookup(SUBJECT, ImpressionEvent.getClassSchema()));
        assertEquals(confluentId, confluent.getId(SUBJECT, new AvroSchema(text)));

        final int scoredId = ours.register("scored-value", ScoredEvent.getClassSchema());
        final String fetched = confluent.getSchemaById(scoredId).canonicalString();
        assertEquals(ScoredEvent.getClassSchema(), new Schema.Parser().parse(fetched));

        final SchemaMetadata latest = confluent.getLatestSchemaMetadata(SUBJECT);
        final SchemaVersion ourLatest = ours.latest(SUBJECT);
        assertEquals(ourLatest.id(), latest.getId());
        assertEquals(ourLatest.version(), latest.getVersion());
        assertEquals(ourLatest.schema(), new Schema.Parser().parse(latest.getSchema()));
    }

    @Test
    void confluentClientSeesOurCompatibilityRulesAndErrorCodes() throws IOException, RestClientException {
        confluent.register(SUBJECT, new AvroSchema(ImpressionEvent.getClassSchema().toString()));
        final String withRequiredField = ImpressionEvent.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":\"int\"},");
        assertFalse(confluent.testCompatibility(SUBJECT, new AvroSchema(withRequiredField)));
        final RestClientException rejected = assertThrows(RestClientException.class,
                () -> confluent.register(SUBJECT, new AvroSchema(withRequiredField)));
        assertEquals(409, rejected.getStatus());
        assertEquals(409, rejected.getErrorCode());

        final String withDefault = withRequiredField.replace("\"type\":\"int\"}", "\"type\":\"int\",\"default\":0}");
        assertTrue(confluent.testCompatibility(SUBJECT, new AvroSchema(withDefault)));
        confluent.updateCompatibility(SUBJECT, "NONE");
        assertEquals(CompatibilityLevel.NONE, embedded.registry().compatibility(SUBJECT));
        final int secondId = confluent.register(SUBJECT, new AvroSchema(withRequiredField));
        assertEquals(2, ours.latest(SUBJECT).version());
        assertEquals(secondId, ours.latest(SUBJECT).id());

        final RestClientException unknown = assertThrows(RestClientException.class,
                () -> confluent.getSchemaById(4242));
        assertEquals(404, unknown.getStatus());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, unknown.getErrorCode());
        final RestClientException noSubject = assertThrows(RestClientException.class,
                () -> confluent.getLatestSchemaMetadata("missing-value"));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, noSubject.getErrorCode());
    }

    @Test
    void ourBytesDecodeWithTheSchemaConfluentFetches() throws IOException, RestClientException {
        final ConfluentAvroSerde<ImpressionEvent> serde = new ConfluentAvroSerde<>(ours, ImpressionEvent.class, false);
        final byte[] bytes = serde.serializer().serialize("impressions", SampleRecords.impression());
        final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        final Schema writer = new Schema.Parser().parse(confluent.getSchemaById(id).canonicalString());
        final GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertEquals("e-1", decoded.get("eventId").toString());
        assertEquals(SampleRecords.TIME.toEpochMilli(), decoded.get("eventTime"));
        assertEquals(Boolean.TRUE, decoded.get("clicked"));
        final GenericRecord context = (GenericRecord) decoded.get("context");
        assertEquals(34.0, ((Map<?, ?>) context.get("numeric")).entrySet().stream()
                .filter(e -> e.getKey().toString().equals("age")).findFirst().orElseThrow().getValue());
    }

    @Test
    void bytesFramedWithConfluentsIdDecodeWithOurSerde() throws IOException, RestClientException {
        final int id = confluent.register(SUBJECT, new AvroSchema(ImpressionEvent.getClassSchema().toString()));
        final Schema writer = new Schema.Parser().parse(confluent.getSchemaById(id).canonicalString());
        final byte[] bytes = ConfluentAvroSerdeTest.frame(id, writer, SampleRecords.impression());
        final ConfluentAvroSerde<ImpressionEvent> serde = new ConfluentAvroSerde<>(ours, ImpressionEvent.class, false);
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
    }

    @Test
    void confluentClientDeletesVersionsAndSeesModesAndVerboseCompatibility() throws IOException, RestClientException {
        final String v1 = ImpressionEvent.getClassSchema().toString();
        final String v2 = v1.replace("\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":\"int\","
                + "\"default\":0},");
        final int firstId = confluent.register(SUBJECT, new AvroSchema(v1));
        final int secondId = confluent.register(SUBJECT, new AvroSchema(v2));
        assertEquals(List.of(SUBJECT), List.copyOf(confluent.getAllSubjectsById(secondId)));
        assertEquals(2, confluent.getAllVersionsById(secondId).iterator().next().getVersion());
        assertEquals(2, confluent.deleteSchemaVersion(SUBJECT, "2", false));
        assertEquals(List.of(1), confluent.getAllVersions(SUBJECT));
        assertEquals(List.of(1, 2), confluent.getAllVersions(SUBJECT, true));
        final RestClientException twice = assertThrows(RestClientException.class,
                () -> confluent.deleteSchemaVersion(SUBJECT, "2", false));
        assertEquals(SchemaRegistryException.VERSION_SOFT_DELETED, twice.getErrorCode());
        assertEquals(2, confluent.deleteSchemaVersion(SUBJECT, "2", true));
        assertEquals(List.of(1), confluent.getAllVersions(SUBJECT, true));
        assertEquals(firstId, ours.latest(SUBJECT).id());

        final String withRequiredField = v1.replace("\"fields\":[", "\"fields\":[{\"name\":\"qty\","
                + "\"type\":\"int\"},");
        final List<String> messages = confluent.testCompatibilityVerbose(SUBJECT, new AvroSchema(withRequiredField));
        assertFalse(messages.isEmpty());
        assertTrue(messages.get(0).contains("qty"), messages.toString());

        assertEquals("READWRITE", confluent.getMode());
        assertEquals("READONLY", confluent.setMode("READONLY", SUBJECT));
        assertEquals("READONLY", confluent.getMode(SUBJECT));
        final String v3 = v2.replace("\"name\":\"extra\"", "\"name\":\"other\"");
        final RestClientException readOnly = assertThrows(RestClientException.class,
                () -> confluent.register(SUBJECT, new AvroSchema(v3)));
        assertEquals(SchemaRegistryException.OPERATION_NOT_PERMITTED, readOnly.getErrorCode());
    }
}
