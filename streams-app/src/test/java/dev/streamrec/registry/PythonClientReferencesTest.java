package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.schema.ImpressionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema references and deletion from Python's {@code confluent_kafka.schema_registry} client (Debian's
 * python3-confluent-kafka 1.7.0): it registers the project's {@code .avsc} files with references and hard-deletes a
 * subject ({@code delete_subject(..., permanent=True)}), and streamrec reads an event written with the id it got.
 * Skipped where {@code /usr/bin/python3} or the module is missing.
 */
@Timeout(120)
class PythonClientReferencesTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();

    @TempDir
    Path work;

    @AfterEach
    void stop() {
        embedded.close();
    }

    @Test
    void pythonClientRegistersReferencesAndDeletesSubjectsAndStreamrecReadsItsIds() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        assumeTrue(run(List.of(PYTHON.toString(), "-c", "import confluent_kafka.schema_registry")).exit() == 0,
                "python3 lacks confluent_kafka.schema_registry");
        final Path script = work.resolve("python_client_references.py");
        try (var in = getClass().getResourceAsStream("/registry/python_client_references.py")) {
            Files.copy(in, script);
        }
        final Result result = run(List.of(PYTHON.toString(), script.toString(), embedded.url(),
                ProjectSchemas.directory().toString()));
        assertEquals(0, result.exit(), result.output());
        final JsonNode report = JSON.readTree(result.output().lines().reduce((a, b) -> b).orElseThrow());

        final int id = report.get("impression_id").asInt();
        assertEquals(1, report.get("fetched_references").asInt(), "Python read the references back");
        assertEquals(id, report.get("latest_id").asInt());
        assertEquals("[1]", report.get("deleted_versions").toString());
        assertEquals(List.of("dev.streamrec.schema.Attributes", "impressions-value"),
                JSON.convertValue(report.get("subjects"), List.class));
        assertEquals(List.of(), embedded.registry().subjects(true).stream().filter(s -> s.startsWith("scratch"))
                .toList(), "hard-deleted");
        assertEquals(List.of(new SchemaReference("dev.streamrec.schema.Attributes",
                "dev.streamrec.schema.Attributes", report.get("attributes_version").asInt())),
                embedded.registry().textById(id).references());

        final HttpSchemaRegistryClient ours = new HttpSchemaRegistryClient(RegistryClientConfig.of(embedded.url()));
        final Schema writer = ours.schemaById(id);
        final byte[] bytes = ConfluentAvroSerdeTest.frame(id, writer, SampleRecords.impression());
        final ConfluentAvroSerde<ImpressionEvent> serde = new ConfluentAvroSerde<>(ours, ImpressionEvent.class,
                false);
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
        assertTrue(writer.getField("context").schema().getFields().size() == 2, "Attributes resolved");
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command in the temporary directory (so no local module shadows the installed one). */
    private Result run(final List<String> command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python did not finish: " + output);
        return new Result(process.exitValue(), output);
    }
}
