package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpSchemaRegistryClientTest {
    private static final Schema V1 = SchemaBuilder.record("Click").namespace("t").fields()
            .requiredString("user").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Click").namespace("t").fields()
            .requiredString("user").name("page").type().stringType().stringDefault("home").endRecord();
    private static final Schema V2_WITHOUT_DEFAULT = SchemaBuilder.record("Click").namespace("t").fields()
            .requiredString("user").requiredString("page").endRecord();

    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();

    @AfterEach
    void stop() {
        embedded.close();
    }

    private HttpSchemaRegistryClient client(final String urls) {
        return new HttpSchemaRegistryClient(RegistryClientConfig.of(urls).withRetries(3, Duration.ofMillis(1)));
    }

    @Test
    void registersLooksUpAndFetchesOverHttp() {
        final HttpSchemaRegistryClient client = client(embedded.url());
        final int id = client.register("clicks-value", V1);
        assertEquals(id, client(embedded.url()).register("clicks-value", V1), "re-registering is idempotent");
        assertEquals(id, client(embedded.url()).lookup("clicks-value", V1));
        assertEquals(V1, client(embedded.url()).schemaById(id));
        assertEquals(new SchemaVersion("clicks-value", id, 1, V1), client(embedded.url()).latest("clicks-value"));
        assertEquals(id, client(embedded.url()).register("other-value", V1), "ids are global across subjects");
        assertNotEquals(id, client.register("ratings-value", RatingEvent.getClassSchema()));
    }

    @Test
    void rejectsIncompatibleRegistrationWith409() {
        final HttpSchemaRegistryClient client = client(embedded.url());
        client.register("clicks-value", V1);
        assertFalse(client.checkCompatibility("clicks-value", V2_WITHOUT_DEFAULT));
        final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("clicks-value", V2_WITHOUT_DEFAULT));
        assertEquals(409, e.status());
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
        assertTrue(e.getMessage().contains(embedded.url() + "/subjects/clicks-value/versions"), e.getMessage());
        assertTrue(client.checkCompatibility("clicks-value", V2_WITH_DEFAULT));
        client.register("clicks-value", V2_WITH_DEFAULT);
        assertEquals(2, client.latest("clicks-value").version());
        assertTrue(client.checkCompatibility("no-such-subject", V1), "an empty subject accepts anything");
    }

    @Test
    void compatibilityLevelCanBeRelaxedPerSubject() {
        final HttpSchemaRegistryClient client = client(embedded.url());
        client.register("clicks-value", V1);
        client.setCompatibility("clicks-value", CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, embedded.registry().compatibility("clicks-value"));
        client.register("clicks-value", V2_WITHOUT_DEFAULT);
        client.setGlobalCompatibility(CompatibilityLevel.FULL);
        assertEquals(CompatibilityLevel.FULL, embedded.registry().globalCompatibility());
    }

    @Test
    void surfacesConfluentErrorCodes() {
        final HttpSchemaRegistryClient client = client(embedded.url());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> client.schemaById(999)).errorCode());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> client.lookup("nope-value", V1)).errorCode());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> client.latest("nope-value")).errorCode());
        client.register("clicks-value", V1);
        final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.lookup("clicks-value", V2_WITH_DEFAULT));
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, e.errorCode());
        assertTrue(e.isNotFound());
        assertTrue(e.getMessage().contains("Schema not found"), e.getMessage());
    }

    @Test
    void secondSerializeAndDeserializeMakeNoRequest() {
        final ConfluentAvroSerde<ImpressionEvent> serde =
                new ConfluentAvroSerde<>(client(embedded.url()), ImpressionEvent.class, false);
        final byte[] bytes = serde.serializer().serialize("impressions", SampleRecords.impression());
        final long afterFirst = embedded.requestCount();
        assertEquals(1, afterFirst);
        serde.serializer().serialize("impressions", SampleRecords.impression());
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
        assertEquals(afterFirst, embedded.requestCount(), "the id and schema are cached both ways");

        final ConfluentAvroSerde<ImpressionEvent> reader =
                new ConfluentAvroSerde<>(client(embedded.url()), ImpressionEvent.class, false);
        reader.deserializer().deserialize("impressions", bytes);
        reader.deserializer().deserialize("impressions", bytes);
        assertEquals(afterFirst + 1, embedded.requestCount(), "a fresh reader fetches the schema once");
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        try (StubHttpServer stub = new StubHttpServer((n, seen) -> n < 2
                ? new StubHttpServer.Answer(503, "{\"error_code\":50003,\"message\":\"busy\"}")
                : new StubHttpServer.Answer(200, "{\"id\":7}"))) {
            assertEquals(7, client(stub.url()).register("clicks-value", V1));
            assertEquals(3, stub.requestCount());
        }
    }

    @Test
    void givesUpAfterBoundedRetries() {
        try (StubHttpServer stub = new StubHttpServer((n, seen) -> new StubHttpServer.Answer(500, "oops"))) {
            final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                    () -> client(stub.url()).schemaById(1));
            assertEquals(500, e.status());
            assertEquals(4, stub.requestCount(), "one attempt plus three retries");
        }
    }

    @Test
    void doesNotRetryClientErrors() {
        try (StubHttpServer stub = new StubHttpServer((n, seen) -> new StubHttpServer.Answer(404,
                "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}"))) {
            final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                    () -> client(stub.url()).latest("x"));
            assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, e.errorCode());
            assertEquals(stub.url() + "/subjects/x/versions/latest", e.url());
            assertEquals(1, stub.requestCount());
        }
    }

    @Test
    void sendsBasicAuthAndNeverShowsThePassword() {
        final String expected = "Basic YWxpY2U6czNjcmV0"; // alice:s3cret
        try (StubHttpServer stub = new StubHttpServer((n, seen) -> expected.equals(seen.authorization())
                ? new StubHttpServer.Answer(200, "{\"id\":3}")
                : new StubHttpServer.Answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"))) {
            final HttpSchemaRegistryClient viaKey = HttpSchemaRegistryClient.fromConfigs(
                    Map.of(RegistryClientConfig.URL, stub.url(), RegistryClientConfig.USER_INFO, "alice:s3cret"));
            assertEquals(3, viaKey.register("clicks-value", V1));
            final HttpSchemaRegistryClient viaUrl = HttpSchemaRegistryClient.fromConfigs(Map.of(
                    RegistryClientConfig.URL, stub.url().replace("http://", "http://alice:s3cret@")));
            assertEquals(3, viaUrl.register("clicks-value", V1));
            assertFalse(viaUrl.toString().contains("s3cret"), viaUrl.toString());
            assertTrue(viaUrl.toString().contains("alice"), viaUrl.toString());

            final SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                    () -> client(stub.url()).register("clicks-value", V1));
            assertEquals(401, e.status());
            assertEquals(3, stub.requestCount(), "401 is not retried");
            assertEquals(EmbeddedSchemaRegistry.CONTENT_TYPE, stub.seen().get(0).contentType());
            assertEquals(EmbeddedSchemaRegistry.CONTENT_TYPE, stub.seen().get(0).accept());
        }
    }

    @Test
    void failsOverToTheNextUrl() throws IOException {
        final int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        final HttpSchemaRegistryClient client = client("http://127.0.0.1:" + deadPort + "," + embedded.url());
        final int id = client.register("clicks-value", V1);
        assertEquals(V1, client.latest("clicks-value").schema());
        assertEquals(id, client.latest("clicks-value").id());
        assertEquals(3, embedded.requestCount(), "the live URL is preferred after a failover");
    }

    @Test
    void rejectsBadConfigs() {
        assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromMap(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.of("ftp://host"));
        assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromMap(
                Map.of(RegistryClientConfig.URL, "http://h", RegistryClientConfig.MAX_RETRIES, "many")));
        final RegistryClientConfig parsed = RegistryClientConfig.fromMap(Map.of(RegistryClientConfig.URL,
                "http://a:1, https://b:2/", RegistryClientConfig.REQUEST_TIMEOUT_MS, "250"));
        assertEquals(2, parsed.urls().size());
        assertEquals(Duration.ofMillis(250), parsed.requestTimeout());
    }
}
