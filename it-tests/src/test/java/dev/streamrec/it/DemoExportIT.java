package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.cli.StreamrecCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --export DIR} on a synthetic stream with no snapshot boundary in it (minutes of event time, the
 * default 7-day interval) still exports every model of every task, each having learned every event of its task.
 */
class DemoExportIT {
    private static final int EVENTS = 1_000;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldExportTheFinalModelOfEveryTaskWhateverTheSnapshotInterval(@TempDir final Path dir) throws Exception {
        final Path export = dir.resolve("export");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = StreamrecCommand.commandLine().execute("demo", "--events", Integer.toString(EVENTS),
                "--partitions", "2", "--set", "streamrec.models=lr,lcwd", "--no-progress", "--export",
                export.toString());
        } finally {
            System.setOut(stdout);
        }
        final String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.contains("exported 4 snapshot(s)"), output);
        for (final String model : new String[] {"lr", "lcwd"}) {
            long learned = 0;
            try (Stream<Path> tasks = Files.list(export.resolve(model))) {
                for (final Path task : tasks.toList()) {
                    final JsonNode manifest = new ObjectMapper().readTree(task.resolve("manifest.json").toFile());
                    learned += manifest.get("version").asLong();
                    assertTrue(Files.size(task.resolve("state.bin")) > 0, task::toString);
                }
            }
            assertEquals(EVENTS, learned, model + ": the tasks' final models learned every event between them");
        }
    }
}
