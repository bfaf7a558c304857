package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Walks the endpoint table of {@code docs/schema-registry.md}: every route is documented, and every row's example,
 * sent to a fresh embedded registry holding the documented fixture, answers the row's status, error code and answer.
 */
@Timeout(120)
class RegistryEndpointTableTest {
    static final String V1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"demo\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"}]}";
    static final String V2 = V1.replace("}]}", "},{\"name\":\"note\",\"type\":[\"null\",\"string\"],"
            + "\"default\":null}]}");
    static final String V3 = V1.replace("}]}", "},{\"name\":\"qty\",\"type\":\"int\"}]}");
    static final String STATUS = "{\"type\":\"enum\",\"name\":\"Status\",\"namespace\":\"demo\","
            + "\"symbols\":[\"NEW\",\"DONE\"]}";
    static final String TRACKED = "{\"type\":\"record\",\"name\":\"Tracked\",\"namespace\":\"demo\",\"fields\":["
            + "{\"name\":\"status\",\"type\":\"demo.Status\"}]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "| method | endpoint | example | body | status | error_code | answer |";

    /** One row of the table, cells without their backticks. */
    record Row(String method, String endpoint, String example, String body, int status, String errorCode,
               String answer) {
    }

    /** The fixture the document describes. */
    static InMemorySchemaRegistry fixture() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.registerText("orders-value", SchemaText.of(V1));
        registry.registerText("orders-value", SchemaText.of(V2));
        registry.registerText("status-value", SchemaText.of(STATUS));
        registry.registerText("tracked-value", new SchemaText(TRACKED,
                List.of(new SchemaReference("demo.Status", "status-value", 1))));
        registry.registerText("gone-value", SchemaText.of("\"string\""));
        registry.deleteSubject("gone-value", false);
        registry.withSettings(settings -> {
            settings.setMode("frozen-value", RegistryMode.READONLY);
            return null;
        });
        return registry;
    }

    static List<Row> rows() throws IOException {
        final List<String> lines = Files.readAllLines(documentPath());
        final int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, "no endpoint table header " + HEADER);
        final List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            final String[] cells = lines.get(i).split("\\|", -1);
            assertEquals(9, cells.length, "row " + lines.get(i));
            rows.add(new Row(cell(cells[1]), cell(cells[2]), cell(cells[3]), cell(cells[4]),
                    Integer.parseInt(cell(cells[5])), cell(cells[6]), cell(cells[7])));
        }
        return rows;
    }

    @Test
    void everyServedRouteIsInTheTableAndNoOther() throws IOException {
        final Set<String> served = new RegistryRoutes(new InMemorySchemaRegistry()).routes().stream()
                .map(r -> r.method() + " " + r.pattern()).collect(Collectors.toCollection(TreeSet::new));
        final Set<String> documented = rows().stream().filter(r -> !r.endpoint().startsWith("("))
                .map(r -> r.method() + " " + r.endpoint()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, documented);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleAnswersAsTheTableSays() throws IOException {
        final HttpClient http = HttpClient.newHttpClient();
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.method() + " " + row.example(), () -> {
            try (EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start(fixture(), 0)) {
                final HttpResponse<String> response = http.send(request(embedded.url(), row),
                        HttpResponse.BodyHandlers.ofString());
                final String where = row.method() + " " + row.example() + " -> " + response.body();
                assertEquals(row.status(), response.statusCode(), where);
                assertEquals(EmbeddedSchemaRegistry.CONTENT_TYPE,
                        response.headers().firstValue("Content-Type").orElse(""), where);
                final JsonNode answer = JSON.readTree(response.body());
                if (!row.errorCode().isEmpty()) {
                    assertEquals(Integer.parseInt(row.errorCode()), answer.path("error_code").asInt(), where);
                    assertTrue(answer.path("message").isTextual(), where);
                }
                if (!row.answer().isEmpty()) {
                    assertMatches(JSON.readTree(row.answer()), answer, where);
                }
            }
        }));
    }

    @Test
    void verboseCompatibilityNamesTheIncompatibility() throws IOException, InterruptedException {
        try (EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start(fixture(), 0)) {
            final JsonNode answer = JSON.readTree(HttpClient.newHttpClient().send(request(embedded.url(),
                    new Row("POST", "", "/compatibility/subjects/orders-value/versions/latest?verbose=true",
                            "{\"schema\": $V3}", 200, "", "")), HttpResponse.BodyHandlers.ofString()).body());
            assertFalse(answer.path("is_compatible").asBoolean(true));
            assertTrue(answer.path("messages").get(0).asText().contains("qty"), answer.toString());
        }
    }

    private static HttpRequest request(final String url, final Row row) throws IOException {
        final String body = substitute(row.body());
        return HttpRequest.newBuilder(URI.create(url + row.example()))
                .method(row.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", EmbeddedSchemaRegistry.CONTENT_TYPE).build();
    }

    private static String substitute(final String body) throws IOException {
        String result = body;
        for (final Map.Entry<String, String> entry : Map.of("$V1", V1, "$V2", V2, "$V3", V3, "$TRACKED", TRACKED)
                .entrySet()) {
            result = result.replace(entry.getKey(), JSON.writeValueAsString(entry.getValue()));
        }
        return result;
    }

    /** Objects match field by field (the answer may hold more); everything else exactly. */
    private static void assertMatches(final JsonNode expected, final JsonNode actual, final String where) {
        if (!expected.isObject()) {
            assertEquals(expected, actual, where);
            return;
        }
        assertTrue(actual.isObject(), where);
        for (final Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = it.next();
            assertNotNull(actual.get(field.getKey()), "missing " + field.getKey() + " in " + where);
            assertMatches(field.getValue(), actual.get(field.getKey()), where);
        }
    }

    private static String cell(final String raw) {
        final String trimmed = raw.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("`") && trimmed.endsWith("`")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static Path documentPath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("docs").resolve("schema-registry.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/schema-registry.md above " + Path.of("").toAbsolutePath());
    }
}
