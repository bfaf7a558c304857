package dev.streamrec.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a Kafka cluster and a schema registry. */
public final class ConnectionOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file: streamrec keys, model hyper-parameters and any Kafka client setting "
            + "(security.protocol, sasl.*, ssl.*, ...). Env: STREAMREC_CONFIG.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
        description = "Kafka bootstrap servers (overrides the file). Env: STREAMREC_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
        description = "Schema registry URL(s) (overrides the file). Env: STREAMREC_REGISTRY_URL.")
    String registryUrl;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
        description = "Any property, overriding the file; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The merged properties: file, then command-line options and overrides. */
    public Map<String, String> properties() {
        final Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            final Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (final IOException e) {
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + e.getMessage(), e);
            }
            file.stringPropertyNames().forEach(key -> merged.put(key, file.getProperty(key)));
        }
        if (bootstrapServers != null) {
            merged.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            merged.put("schema.registry.url", registryUrl);
        }
        merged.putAll(overrides);
        return merged;
    }
}
