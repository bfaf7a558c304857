package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.ConnectionOptions;
import dev.streamrec.cli.DemoRun;
import dev.streamrec.cli.EnvironmentDefaultProvider;
import dev.streamrec.cli.StreamrecCommand;
import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * streamrec against a broker whose listener requires SASL/PLAIN: the settings come from a properties file (protocol,
 * mechanism) and the {@code STREAMREC_SASL_JAAS_CONFIG} environment variable (the secret), as in a deployment.
 * With the right credentials the commands work and every event is processed end to end; with a wrong password the
 * {@code topics} and {@code run} commands fail with an authentication error instead of hanging or succeeding.
 */
class SaslListenerIT {
    private static final long EVENTS = 1_000;

    @Command(name = "connection")
    static final class Connection {
        @Mixin
        ConnectionOptions options;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldProcessEventsWithSaslCredentialsAndFailWithWrongOnes(@TempDir final Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startSaslPlain();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Path file = dir.resolve("streamrec.properties");
            Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "schema.registry.url=" + registry.url(),
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "application.id=sasl-it",
                "state.dir=" + dir.resolve("state"),
                "commit.interval.ms=100",
                "streamrec.models=lr,lcwd",
                StreamrecConfig.PARTITIONS + "=1"));
            final Map<String, String> good = Map.of("STREAMREC_SASL_JAAS_CONFIG",
                jaas(EmbeddedKafka.SASL_ADMIN, EmbeddedKafka.SASL_ADMIN_PASSWORD));
            final Map<String, String> wrong = Map.of("STREAMREC_SASL_JAAS_CONFIG",
                jaas(EmbeddedKafka.SASL_ADMIN, "not-the-password"));

            final Outcome denied = execute(wrong, "topics", "--config", file.toString());
            assertNotEquals(0, denied.exitCode(), denied.output());
            assertTrue(denied.output().contains("SaslAuthenticationException"), denied.output());

            final Outcome created = execute(good, "topics", "--config", file.toString());
            assertEquals(0, created.exitCode(), created.output());

            final Connection connection = new Connection();
            new CommandLine(connection).setDefaultValueProvider(new EnvironmentDefaultProvider(good))
                .parseArgs("--config", file.toString());
            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final DemoRun run = new DemoRun(new StreamrecConfig(connection.options.properties()),
                new SyntheticStream(SyntheticConfig.defaults().withSeed(5).withSize(100, 50, EVENTS)), EVENTS,
                Duration.ofMinutes(5), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertEquals(0, run.execute(), printed.toString(StandardCharsets.UTF_8));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("done: " + EVENTS + " events in = "),
                printed.toString(StandardCharsets.UTF_8));

            final ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                final Future<Outcome> failed = executor.submit(() -> execute(wrong, "run", "--config",
                    file.toString(), "--http-port", "-1", "--set", "application.id=sasl-it-wrong"));
                final Outcome outcome = failed.get(90, TimeUnit.SECONDS);
                assertEquals(1, outcome.exitCode(), outcome.output());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    private static String jaas(final String user, final String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";";
    }

    private static Outcome execute(final Map<String, String> environment, final String... args) {
        final StringWriter output = new StringWriter();
        final CommandLine commandLine = StreamrecCommand.commandLine(environment);
        commandLine.setErr(new PrintWriter(output, true));
        commandLine.setOut(new PrintWriter(output, true));
        return new Outcome(commandLine.execute(args), output.toString());
    }

    private record Outcome(int exitCode, String output) {
    }
}
