package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @Test
    void shouldWriteAThroughputTableForEachModelSet(@TempDir final Path dir) throws Exception {
        final Path markdown = dir.resolve("bench.md");
        final int exit = StreamrecCommand.commandLine().execute("bench", "core", "--events", "3000", "--users", "100",
            "--items", "50", "--warmup-events", "500", "--repeats", "2", "--models", "lr", "--markdown",
            markdown.toString());
        assertEquals(0, exit);
        final String table = Files.readString(markdown);
        assertTrue(table.contains("| lr | 3,000 |"), table);
        assertTrue(table.contains("n=2)"), table);
    }

    @Test
    void shouldDumpClicksAndLrMeasurementsForThePeer(@TempDir final Path dir) throws Exception {
        final int exit = StreamrecCommand.commandLine().execute("bench", "peer-dump", "--events", "2000", "--users",
            "100", "--items", "50", "--warmup-events", "200", "--repeats", "1", "--out", dir.toString());
        assertEquals(0, exit);
        final Properties props = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("streamrec.properties"))) {
            props.load(in);
        }
        final long clicks = Long.parseLong(props.getProperty("events"));
        assertEquals(clicks, Files.readAllLines(dir.resolve("clicks.tsv")).size());
        assertTrue(Double.parseDouble(props.getProperty("events.per.second.median")) > 0);
        assertEquals("20", props.getProperty("hash.bits"));
    }
}
