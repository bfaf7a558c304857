package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.StreamrecCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamrec bench e2e} against its embedded broker with exactly-once: every measured event is read back
 * scored, and the row reports events/s, latency percentiles, changelog traffic, commits and memory.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndToEndBenchIT {
    @TempDir
    Path dir;

    @Test
    void everyMeasuredEventIsScoredAndTimed() throws Exception {
        final Path markdown = dir.resolve("e2e.md");
        final int exit = StreamrecCommand.commandLine().execute("bench", "e2e", "--events", "400",
            "--warmup-events", "100", "--rate", "200", "--users", "50", "--items", "20", "--set",
            "streamrec.models=lr", "--markdown", markdown.toString());
        assertEquals(0, exit, "exit 0 means all 400 measured events were read back scored");
        final String tables = Files.readString(markdown);
        final String row = tables.lines().filter(line -> line.startsWith("| generated")).findFirst().orElseThrow();
        final String[] cells = row.split("\\|");
        assertEquals("lr", cells[2].strip(), row);
        assertTrue(cells[5].contains("400 of 400"), row);
        final double p50 = Double.parseDouble(cells[10].strip());
        final double p99 = Double.parseDouble(cells[11].strip());
        assertTrue(p50 > 0 && p50 <= p99, row);
        assertTrue(Double.parseDouble(cells[13].strip()) > 0, "LR writes changelog records: " + row);
        assertTrue(Double.parseDouble(cells[15].strip()) > 0, "the stream threads commit: " + row);
        assertTrue(Long.parseLong(cells[17].strip().split(" ")[0].replace(",", "")) > 0, "RSS reported: " + row);
        assertTrue(tables.contains("| lr | 200/s | lr-state |"), "a changelog row per store: " + tables);
    }
}
