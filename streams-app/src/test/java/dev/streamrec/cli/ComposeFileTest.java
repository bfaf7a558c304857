package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.streamrec.endpoint.OpsEndpoint;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The wiring of {@code docker/compose.yaml}, which cannot be run here (no Docker engine): services, health checks,
 * start-up order, the environment variables streamrec really reads, and one port for the endpoint everywhere.
 */
class ComposeFileTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = repositoryRoot();
    private static final Set<String> ONE_SHOT = Set.of("topics", "loader");

    private final JsonNode services = read("docker/compose.yaml").path("services");

    @Test
    void shouldDeclareEveryServiceOfTheDeployment() {
        final Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("kafka", "schema-registry", "topics", "streamrec", "loader", "prometheus",
            "grafana")), names);
        assertTrue(services.path("kafka").path("image").asText().startsWith("apache/kafka:"));
        assertTrue(services.path("schema-registry").path("image").asText()
            .startsWith("confluentinc/cp-schema-registry:"));
        services.forEach(service -> {
            final String image = service.path("image").asText();
            assertTrue(image.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+") && !image.endsWith(":latest"),
                "image pinned to a tag: " + image);
        });
    }

    @Test
    void shouldHealthCheckLongRunningServicesAndStartInOrder() {
        services.properties().forEach(entry -> {
            final String name = entry.getKey();
            final JsonNode service = entry.getValue();
            if (ONE_SHOT.contains(name)) {
                assertEquals("no", service.path("restart").asText(), name + " runs once");
            } else {
                assertFalse(service.path("healthcheck").path("test").isMissingNode(), name + " has a health check");
            }
            service.path("depends_on").properties().forEach(dependency -> {
                final String condition = dependency.getValue().path("condition").asText();
                final String target = dependency.getKey();
                assertTrue(services.has(target), name + " depends on unknown " + target);
                if (ONE_SHOT.contains(target)) {
                    assertEquals("service_completed_successfully", condition, name + " -> " + target);
                } else {
                    assertEquals("service_healthy", condition, name + " -> " + target);
                }
            });
        });
        assertEquals(Set.of("kafka", "schema-registry", "topics"), dependencies("streamrec"));
        assertTrue(dependencies("loader").contains("streamrec"));
        assertTrue(dependencies("topics").contains("kafka"));
    }

    @Test
    void shouldSetOnlyEnvironmentVariablesTheCommandsRead() {
        final CommandLine cli = StreamrecCommand.commandLine(Map.of());
        for (final String name : List.of("topics", "streamrec", "loader")) {
            final JsonNode service = services.path(name);
            final String command = service.path("command").get(0).asText();
            final CommandLine sub = cli.getSubcommands().get(command);
            assertNotNull(sub, name + " runs an existing subcommand: " + command);
            final Set<String> read = new TreeSet<>();
            for (final OptionSpec option : sub.getCommandSpec().options()) {
                read.add(EnvironmentDefaultProvider.variableFor(option.longestName()));
            }
            service.path("environment").fieldNames().forEachRemaining(variable -> {
                if (variable.startsWith("STREAMREC_")) {
                    assertTrue(read.contains(variable), name + " sets " + variable + ", which `" + command
                        + "` does not read");
                }
            });
            final String config = service.path("environment").path("STREAMREC_CONFIG").asText();
            assertTrue(mounts(service).contains(config), name + " mounts its config file " + config);
        }
    }

    @Test
    void shouldUseOneEndpointPortForServiceHealthCheckAndScrape() {
        final JsonNode streamrec = services.path("streamrec");
        final String port = streamrec.path("environment").path("STREAMREC_HTTP_PORT").asText();
        assertEquals(port, streamrec.path("expose").get(0).asText());
        assertTrue(healthCheck(streamrec).contains("/dev/tcp/127.0.0.1/" + port + " "));
        assertTrue(streamrec.path("ports").isMissingNode() && streamrec.path("container_name").isMissingNode(),
            "no fixed host port or container name, so `--scale streamrec=2` works");
        final JsonNode scrape = read("ops/prometheus/prometheus.yml").path("scrape_configs").get(0);
        assertEquals("/metrics", scrape.path("metrics_path").asText());
        assertEquals(port, scrape.path("dns_sd_configs").get(0).path("port").asText());
        assertEquals("streamrec", scrape.path("dns_sd_configs").get(0).path("names").get(0).asText());
    }

    @Test
    void shouldMountFilesThatExist() {
        services.properties().forEach(entry -> {
            for (final String mount : volumes(entry.getValue())) {
                final String source = mount.split(":")[0];
                if (source.startsWith(".") && !source.contains("${")) {
                    assertTrue(Files.exists(ROOT.resolve("docker").resolve(source).normalize()),
                        entry.getKey() + " mounts missing " + source);
                }
            }
        });
        assertTrue(Files.exists(ROOT.resolve("docker/Dockerfile")));
    }

    /** Runs the streamrec health check command against a real endpoint: it passes on 200 and fails on 503. */
    @Test
    void shouldPassTheHealthCheckOnlyWhenTheEndpointSays200(@TempDir final Path dir) throws Exception {
        final String check = healthCheck(services.path("streamrec"));
        final String port = services.path("streamrec").path("environment").path("STREAMREC_HTTP_PORT").asText();
        final StreamrecConfig config = new StreamrecConfig(Map.of("bootstrap.servers", "127.0.0.1:9",
            StreamrecConfig.REGISTRY_URL, "http://127.0.0.1:9", "state.dir", dir.toString()));
        try (StreamsRunner runner = new StreamsRunner(
                StreamrecTopology.build(config, new InMemorySchemaRegistry()), config.streamsProperties());
             OpsEndpoint endpoint = OpsEndpoint.start(0, runner.streams(), OpsEndpoint.DEFAULT_REFRESH)) {
            final String local = check.replace("/" + port + " ", "/" + endpoint.port() + " ");
            assertEquals(1, bash(local), "CREATED is not ready");
            assertEquals(0, bash(local.replace("/health/ready", "/health/live")), "CREATED is live");
        }
    }

    private Set<String> dependencies(final String service) {
        final Set<String> names = new TreeSet<>();
        services.path(service).path("depends_on").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String healthCheck(final JsonNode service) {
        final JsonNode test = service.path("healthcheck").path("test");
        return test.get(test.size() - 1).asText();
    }

    private static List<String> volumes(final JsonNode service) {
        final List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(volume -> volumes.add(volume.asText()));
        return volumes;
    }

    private static String mounts(final JsonNode service) {
        return String.join(",", volumes(service));
    }

    private static int bash(final String script) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "health check finished");
        return process.exitValue();
    }

    private static JsonNode read(final String file) {
        try {
            return YAML.readTree(ROOT.resolve(file).toFile());
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/compose.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker/compose.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
