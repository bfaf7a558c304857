package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST surface itself, spoken to with raw HTTP (the JSON shapes Confluent's clients expect). */
@Timeout(30)
class EmbeddedSchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        embedded.close();
    }

    private Reply call(final String method, final String path, final Object body) throws IOException,
            InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(embedded.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                        : JSON.writeValueAsString(body)))
                .header("Content-Type", EmbeddedSchemaRegistry.CONTENT_TYPE).build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(EmbeddedSchemaRegistry.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private record Reply(int status, JsonNode body) {
    }

    @Test
    void servesTheSubjectAndSchemaEndpoints() throws Exception {
        final String schema = ImpressionEvent.getClassSchema().toString();
        final Reply registered = call("POST", "/subjects/impressions-value/versions",
                Map.of("schema", schema, "schemaType", "AVRO"));
        assertEquals(200, registered.status());
        final int id = registered.body().get("id").asInt();
        assertEquals(id, call("POST", "/subjects/impressions-value/versions?normalize=false",
                Map.of("schema", schema)).body().get("id").asInt());
        call("POST", "/subjects/ratings-value/versions", Map.of("schema", RatingEvent.getClassSchema().toString()));

        assertEquals("[\"impressions-value\",\"ratings-value\"]", call("GET", "/subjects", null).body().toString());
        assertEquals("[1]", call("GET", "/subjects/impressions-value/versions", null).body().toString());
        final JsonNode lookup = call("POST", "/subjects/impressions-value", Map.of("schema", schema)).body();
        assertEquals("impressions-value", lookup.get("subject").asText());
        assertEquals(id, lookup.get("id").asInt());
        assertEquals(1, lookup.get("version").asInt());
        assertEquals(schema, lookup.get("schema").asText());
        assertEquals(lookup, call("GET", "/subjects/impressions-value/versions/latest", null).body());
        assertEquals(lookup, call("GET", "/subjects/impressions-value/versions/1", null).body());
        assertEquals(schema, call("GET", "/schemas/ids/" + id, null).body().get("schema").asText());
        assertTrue(call("POST", "/compatibility/subjects/impressions-value/versions/latest",
                Map.of("schema", schema)).body().get("is_compatible").asBoolean());
    }

    @Test
    void answersErrorsInConfluentsShape() throws Exception {
        assertError(call("GET", "/schemas/ids/77", null), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertError(call("POST", "/subjects/none", Map.of("schema", "\"string\"")), 404,
                SchemaRegistryException.SUBJECT_NOT_FOUND);
        call("POST", "/subjects/s/versions", Map.of("schema", "\"string\""));
        assertError(call("POST", "/subjects/s", Map.of("schema", "\"int\"")), 404,
                SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertError(call("POST", "/subjects/s/versions", Map.of("schema", "\"int\"")), 409,
                SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertError(call("GET", "/subjects/s/versions/9", null), 404, SchemaRegistryException.VERSION_NOT_FOUND);
        assertError(call("POST", "/subjects/s/versions", Map.of("schema", "{\"type\":")), 422,
                SchemaRegistryException.INVALID_SCHEMA);
        assertError(call("POST", "/subjects/s/versions", Map.of("schema", "{}", "schemaType", "PROTOBUF")), 422,
                SchemaRegistryException.INVALID_SCHEMA);
        assertError(call("POST", "/subjects/s/versions", "not json"), 400, 400);
        assertError(call("GET", "/no/such/endpoint", null), 404, 404);
        assertError(call("PUT", "/config", Map.of("compatibility", "SIDEWAYS")), 422,
                SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL);
    }

    @Test
    void readsAndWritesCompatibilityConfig() throws Exception {
        assertEquals("BACKWARD", call("GET", "/config", null).body().get("compatibilityLevel").asText());
        assertEquals("FULL", call("PUT", "/config", Map.of("compatibility", "FULL")).body().get("compatibility")
                .asText());
        assertEquals("FULL", call("GET", "/config", null).body().get("compatibilityLevel").asText());
        assertError(call("GET", "/config/s", null), 404, SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
        call("PUT", "/config/s", Map.of("compatibility", "NONE"));
        assertEquals("NONE", call("GET", "/config/s", null).body().get("compatibilityLevel").asText());
        assertEquals(CompatibilityLevel.NONE, embedded.registry().compatibility("s"));
    }

    @Test
    void decodesEscapedSubjectNames() throws Exception {
        call("POST", "/subjects/a%2Fb%20c/versions", Map.of("schema", "\"string\""));
        assertEquals("[\"a/b c\"]", call("GET", "/subjects", null).body().toString());
        final HttpSchemaRegistryClient client =
                new HttpSchemaRegistryClient(RegistryClientConfig.of(embedded.url()));
        assertEquals(1, client.latest("a/b c").version());
    }

    private static void assertError(final Reply reply, final int status, final int errorCode) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(errorCode, reply.body().get("error_code").asInt(), reply.body().toString());
        assertTrue(reply.body().get("message").isTextual());
    }
}
