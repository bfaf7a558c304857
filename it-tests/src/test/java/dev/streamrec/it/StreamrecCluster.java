package dev.streamrec.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real in-process KRaft broker and the embedded schema registry, with streamrec's topics created, and the config
 * an application instance needs to use them. Each test gets a unique application id.
 */
final class StreamrecCluster implements AutoCloseable {
    final EmbeddedKafka kafka;
    final EmbeddedSchemaRegistry registry;
    final StreamrecConfig config;
    final TopicSerdes serdes;

    StreamrecCluster(final String applicationId, final Path stateDir, final int partitions,
                     final Map<String, String> extra) {
        this.kafka = EmbeddedKafka.start();
        this.registry = EmbeddedSchemaRegistry.start();
        final Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put(StreamrecConfig.REGISTRY_URL, registry.url());
        props.put("application.id", applicationId);
        props.put("state.dir", stateDir.toString());
        props.put("commit.interval.ms", "100");
        props.put(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
        props.putAll(extra);
        this.config = new StreamrecConfig(props);
        this.serdes = new TopicSerdes(HttpSchemaRegistryClient.fromConfigs(props));
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), partitions, (short) 1,
                config.getLong(StreamrecConfig.RETENTION_MS));
        }
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }
}
