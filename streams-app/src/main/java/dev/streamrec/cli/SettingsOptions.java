package dev.streamrec.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set KEY=VALUE}, for every command that takes settings: the file first, then
 * each {@code --set} over it. The same file a production {@code run} reads works here (keys a command has no use
 * for, such as client settings, are ignored by it).
 */
final class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file: streamrec keys, model settings (see docs/configuration.md) and any Kafka "
            + "setting. Env: STREAMREC_CONFIG.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
        description = "Any streamrec, model or Kafka property, overriding the file; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The file's properties, then the {@code --set} ones over them. */
    Map<String, String> properties() {
        final Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(load(configFile));
        }
        merged.putAll(overrides);
        return merged;
    }

    /**
     * The prequential AUC window: {@code --auc-window} (a shorthand for {@value StreamrecConfig#AUC_WINDOW}) when
     * given, else that key, else {@code whenUnset}. Both given with different values is an error.
     */
    static int aucWindow(final Integer option, final Map<String, String> properties, final int whenUnset) {
        final String key = properties.get(StreamrecConfig.AUC_WINDOW);
        if (option != null && key != null && Integer.parseInt(key.trim()) != option) {
            throw new IllegalArgumentException("--auc-window " + option + " contradicts " + StreamrecConfig.AUC_WINDOW
                + "=" + key + "; give one");
        }
        if (option != null) {
            return option;
        }
        return key != null ? Integer.parseInt(key.trim()) : whenUnset;
    }

    /** The properties of {@code file}. */
    static Map<String, String> load(final Path file) {
        final Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        final Map<String, String> out = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(key -> out.put(key, loaded.getProperty(key)));
        return out;
    }
}
