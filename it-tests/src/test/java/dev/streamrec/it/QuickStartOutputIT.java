package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The quick-start command, {@code java -jar streams-app/target/streamrec.jar demo} (the jar the reactor packaged,
 * with its lib/ class path): everything it prints (standard output and error) holds no ERROR, no stack trace and
 * nothing from log4j's own status logger (which once greeted every run with "main ERROR Found configuration file
 * log4j2.yaml ...").
 */
class QuickStartOutputIT {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldPrintNoErrorAndNoStackTraceInANormalDemoRun() throws Exception {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final Path jar = Path.of("..", "streams-app", "target", "streamrec.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is packaged before the integration tests run");
        final List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(),
            "demo", "--events", "500", "--set", "streamrec.models=lr", "--no-progress"));
        final Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String printed = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(2, TimeUnit.MINUTES), printed);
        assertEquals(0, demo.exitValue(), printed);
        assertTrue(printed.contains("done: 500 events in = 500 scored"), printed);
        for (final String line : printed.split("\\R")) {
            assertFalse(line.contains("ERROR"), () -> "an ERROR: " + line + "\n" + printed);
            assertFalse(line.startsWith("\tat ") || line.contains("Exception"), () -> "a stack trace: " + line);
            assertFalse(line.toLowerCase(Locale.ROOT).contains("log4j"), () -> "log4j: " + line);
        }
    }
}
