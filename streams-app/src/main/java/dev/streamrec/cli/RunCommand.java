package dev.streamrec.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code streamrec run}: the production entry point. Reads a properties file (streamrec keys, model
 * hyper-parameters, any Kafka client setting such as {@code security.protocol} or {@code sasl.jaas.config}) and
 * runs until stopped by a signal; exits non-zero if a stream thread failed. With {@code streamrec.warm.start.dir} or
 * {@code streamrec.warm.start.from.topic}, tasks whose model stores are empty start from those snapshots.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run streamrec against a Kafka cluster.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, String> props = connection.properties();
        final StreamrecConfig config = new StreamrecConfig(props);
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(props);
        try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry,
            WarmStarts.load(config, new TopicSerdes(registry))),
            config.streamsProperties())) {
            final Thread shutdown = new Thread(runner::close, "streamrec-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            runner.start();
            runner.awaitStopped();
            return runner.failure() == null ? 0 : 1;
        }
    }
}
