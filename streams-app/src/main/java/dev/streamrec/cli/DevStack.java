package dev.streamrec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;

/**
 * An embedded Kafka broker (KRaft, one node) and schema registry with streamrec's topics created: what
 * {@code streamrec dev-stack} keeps up for any Kafka client to produce to and for {@code run} to be pointed at.
 */
public final class DevStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final StreamrecConfig config;
    private final List<String> createdTopics;

    private DevStack(final EmbeddedKafka kafka, final EmbeddedSchemaRegistry registry, final StreamrecConfig config,
                     final List<String> createdTopics) {
        this.kafka = kafka;
        this.registry = registry;
        this.config = config;
        this.createdTopics = createdTopics;
    }

    /**
     * Starts the broker and the registry and creates the topics of {@code settings} (topic names, partitions,
     * retention: the {@code streamrec.topic.*} keys).
     *
     * @param registryPort the registry's port on 127.0.0.1, 0 for an ephemeral one (the broker's is always
     *                     ephemeral: the test kit binds its own)
     */
    public static DevStack start(final int registryPort, final Map<String, String> settings) {
        final EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaRegistry(),
                registryPort);
            try {
                final Map<String, String> props = new LinkedHashMap<>(settings);
                props.put("bootstrap.servers", kafka.bootstrapServers());
                props.put(StreamrecConfig.REGISTRY_URL, registry.url());
                final StreamrecConfig config = new StreamrecConfig(props);
                try (Admin admin = Admin.create(config.clientProperties())) {
                    final List<String> created = new TopicProvisioner(admin).createMissing(config.topics(),
                        config.getInt(StreamrecConfig.PARTITIONS), (short) 1,
                        config.getLong(StreamrecConfig.RETENTION_MS));
                    return new DevStack(kafka, registry, config, created);
                }
            } catch (final RuntimeException e) {
                registry.close();
                throw e;
            }
        } catch (final RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** The broker's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's base URL. */
    public String registryUrl() {
        return registry.url();
    }

    /** The configuration the topics were created from (with the stack's broker and registry). */
    public StreamrecConfig config() {
        return config;
    }

    /** The topics this stack created. */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** The properties a client (or {@code streamrec run --config}) needs to reach this stack. */
    public Map<String, String> connectionProperties() {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.put(StreamrecConfig.REGISTRY_URL, registryUrl());
        return props;
    }

    /** Stops the registry, then the broker (deleting its data). */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
