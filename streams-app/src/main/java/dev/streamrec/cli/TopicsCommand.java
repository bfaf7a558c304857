package dev.streamrec.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamrec topics}: creates streamrec's topics (profiles compacted; events and users co-partitioned). */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create the topics streamrec uses.")
final class TopicsCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor of new topics.")
    short replication;

    @Override
    public Integer call() {
        final Map<String, String> props = connection.properties();
        props.putIfAbsent(StreamrecConfig.REGISTRY_URL, "unused");
        final StreamrecConfig config = new StreamrecConfig(props);
        try (Admin admin = Admin.create(config.clientProperties())) {
            final List<String> created = new TopicProvisioner(admin)
                .createMissing(config.topics(), config.getInt(StreamrecConfig.PARTITIONS), replication,
                config.getLong(StreamrecConfig.RETENTION_MS));
            System.out.println(created.isEmpty() ? "all topics exist" : "created: " + String.join(", ", created));
        }
        return 0;
    }
}
