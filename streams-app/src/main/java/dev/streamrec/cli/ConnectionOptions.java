package dev.streamrec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Options shared by the commands that talk to a Kafka cluster and a schema registry.
 *
 * <p>Security settings pass through to every Kafka client (and the registry client): set them in the
 * {@code --config} file under their Kafka names ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.*}; {@code basic.auth.user.info} for the registry), or with the options
 * below, or - for secrets, which must not appear in a process listing - with the options' environment variables
 * ({@code STREAMREC_SASL_JAAS_CONFIG}, {@code STREAMREC_SSL_TRUSTSTORE_PASSWORD},
 * {@code STREAMREC_REGISTRY_USER_INFO}, ...). Precedence: file, then options and environment, then {@code --set}.
 * Secret values are never logged (Kafka logs them as {@code [hidden]}).
 */
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

    @Option(names = "--security-protocol", paramLabel = "PROTOCOL",
        description = "security.protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. "
            + "Env: STREAMREC_SECURITY_PROTOCOL.")
    String securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "MECHANISM",
        description = "sasl.mechanism, e.g. PLAIN or SCRAM-SHA-512. Env: STREAMREC_SASL_MECHANISM.")
    String saslMechanism;

    @Option(names = "--sasl-jaas-config", paramLabel = "JAAS",
        description = "sasl.jaas.config (secret: prefer the env var STREAMREC_SASL_JAAS_CONFIG).")
    String saslJaasConfig;

    @Option(names = "--ssl-truststore-location", paramLabel = "FILE",
        description = "ssl.truststore.location. Env: STREAMREC_SSL_TRUSTSTORE_LOCATION.")
    String sslTruststoreLocation;

    @Option(names = "--ssl-truststore-password", paramLabel = "PASSWORD",
        description = "ssl.truststore.password (secret: prefer STREAMREC_SSL_TRUSTSTORE_PASSWORD).")
    String sslTruststorePassword;

    @Option(names = "--ssl-keystore-location", paramLabel = "FILE",
        description = "ssl.keystore.location (mutual TLS). Env: STREAMREC_SSL_KEYSTORE_LOCATION.")
    String sslKeystoreLocation;

    @Option(names = "--ssl-keystore-password", paramLabel = "PASSWORD",
        description = "ssl.keystore.password (secret: prefer STREAMREC_SSL_KEYSTORE_PASSWORD).")
    String sslKeystorePassword;

    @Option(names = "--ssl-key-password", paramLabel = "PASSWORD",
        description = "ssl.key.password (secret: prefer STREAMREC_SSL_KEY_PASSWORD).")
    String sslKeyPassword;

    @Option(names = "--registry-user-info", paramLabel = "USER:PASSWORD",
        description = "Schema registry basic auth, basic.auth.user.info (secret: prefer STREAMREC_REGISTRY_USER_INFO).")
    String registryUserInfo;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
        description = "Any property, overriding the file; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The merged properties: file, then command-line options and overrides. */
    public Map<String, String> properties() {
        final Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(SettingsOptions.load(configFile));
        }
        if (bootstrapServers != null) {
            merged.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            merged.put("schema.registry.url", registryUrl);
        }
        putIfSet(merged, "security.protocol", securityProtocol);
        putIfSet(merged, "sasl.mechanism", saslMechanism);
        putIfSet(merged, "sasl.jaas.config", saslJaasConfig);
        putIfSet(merged, "ssl.truststore.location", sslTruststoreLocation);
        putIfSet(merged, "ssl.truststore.password", sslTruststorePassword);
        putIfSet(merged, "ssl.keystore.location", sslKeystoreLocation);
        putIfSet(merged, "ssl.keystore.password", sslKeystorePassword);
        putIfSet(merged, "ssl.key.password", sslKeyPassword);
        putIfSet(merged, "basic.auth.user.info", registryUserInfo);
        merged.putAll(overrides);
        return merged;
    }

    private static void putIfSet(final Map<String, String> merged, final String key, final String value) {
        if (value != null && !value.isEmpty()) {
            merged.put(key, value);
        }
    }
}
