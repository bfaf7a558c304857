package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.registry.RegistryClientConfig;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * TLS/SASL settings and registry basic auth reach the clients from the properties file and the
 * {@code STREAMREC_*} environment, and their secret values never reach the log.
 */
class SecuritySettingsTest {
    private static final String JAAS_SECRET = "jaas-s3cret-7f1";
    private static final String TRUSTSTORE_SECRET = "trust-s3cret-9c2";
    private static final String REGISTRY_SECRET = "registry-s3cret-4d8";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"svc\" password=\"" + JAAS_SECRET + "\";";

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ConnectionOptions connection;
    }

    @Test
    void shouldPassSecuritySettingsFromFileAndEnvironmentToTheClients(@TempDir final Path dir) throws Exception {
        final Map<String, String> props = parse(dir);
        assertEquals("SASL_SSL", props.get("security.protocol"), "from the file");
        assertEquals(TRUSTSTORE_SECRET, props.get("ssl.truststore.password"), "from the file");
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"), "the environment overrides the file");
        assertEquals(JAAS, props.get("sasl.jaas.config"), "from the environment");
        final StreamrecConfig config = new StreamrecConfig(props);
        assertEquals(JAAS, config.clientProperties().get("sasl.jaas.config"));
        assertEquals("SASL_SSL", config.streamsProperties().get("security.protocol"));
        assertEquals("svc:" + REGISTRY_SECRET, RegistryClientConfig.fromMap(props).userInfo());
    }

    /**
     * Runs the client start-up in a child JVM with every logger at INFO (Kafka then dumps each client's full
     * config), the security settings coming from the file and the real process environment, and reads its log.
     */
    @Test
    void shouldNeverLogSecretValues(@TempDir final Path dir) throws Exception {
        final Path file = writeConfig(dir);
        final ProcessBuilder builder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.streamrec.schema",
            LogProbe.class.getName(), "--config", file.toString(),
            "--set", "state.dir=" + dir.resolve("state"))
            .redirectErrorStream(true);
        builder.environment().putAll(environment());
        final Process process = builder.start();
        final String logged = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), logged);
        assertTrue(logged.contains("sasl.jaas.config = [hidden]"), "client configs were logged:\n" + logged);
        assertTrue(logged.contains("ssl.truststore.password = [hidden]"), logged);
        assertTrue(logged.contains("basicAuth=svc:[hidden]"), logged);
        for (final String secret : List.of(JAAS_SECRET, TRUSTSTORE_SECRET, REGISTRY_SECRET)) {
            assertFalse(logged.contains(secret), "the log shows a secret: " + secret + "\n" + logged);
        }
    }

    /** The child process: parses the options like a command does, logs, and creates and closes a client. */
    public static final class LogProbe {
        public static void main(final String[] args) {
            final Probe probe = new Probe();
            new CommandLine(probe).setDefaultValueProvider(new EnvironmentDefaultProvider(System.getenv()))
                .parseArgs(args);
            final Map<String, String> props = probe.connection.properties();
            // PLAINTEXT transport so that clients start without a real truststore; the secrets stay configured.
            props.put("security.protocol", "SASL_PLAINTEXT");
            props.put("application.id", "secrets-test");
            final StreamrecConfig config = new StreamrecConfig(props);
            final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(props);
            org.slf4j.LoggerFactory.getLogger(LogProbe.class).info("registry client {}",
                RegistryClientConfig.fromMap(props));
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry),
                config.streamsProperties())) {
                org.slf4j.LoggerFactory.getLogger(LogProbe.class).info("client {}", runner.streams().state());
            }
        }
    }

    private static Map<String, String> parse(final Path dir) throws Exception {
        final Probe probe = new Probe();
        new CommandLine(probe).setDefaultValueProvider(new EnvironmentDefaultProvider(environment()))
            .parseArgs("--config", writeConfig(dir).toString());
        return probe.connection.properties();
    }

    private static Path writeConfig(final Path dir) throws Exception {
        final Path file = dir.resolve("app.properties");
        Files.writeString(file, String.join("\n",
            "bootstrap.servers=127.0.0.1:9",
            "schema.registry.url=http://127.0.0.1:9",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=PLAIN",
            "ssl.truststore.password=" + TRUSTSTORE_SECRET));
        return file;
    }

    private static Map<String, String> environment() {
        return Map.of(
            "STREAMREC_SASL_MECHANISM", "SCRAM-SHA-512",
            "STREAMREC_SASL_JAAS_CONFIG", JAAS,
            "STREAMREC_REGISTRY_USER_INFO", "svc:" + REGISTRY_SECRET);
    }
}
