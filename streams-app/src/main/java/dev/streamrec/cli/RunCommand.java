package dev.streamrec.cli;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.streamrec.endpoint.OpsEndpoint;
import dev.streamrec.query.LiveQueries;
import dev.streamrec.query.QueryHandlers;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.runtime.WarmStarts;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Port of /metrics, /health/live and /health/ready; -1 turns it off. Overrides "
            + StreamrecConfig.HTTP_PORT + " of the file (default: that key's, 8080). Env: STREAMREC_HTTP_PORT.")
    Integer httpPort;

    @Override
    @SuppressWarnings("try") // the endpoint only has to live as long as the client
    public Integer call() throws InterruptedException {
        final Map<String, String> props = connection.properties();
        if (httpPort != null) {
            props.put(StreamrecConfig.HTTP_PORT, httpPort.toString());
        }
        final StreamrecConfig config = new StreamrecConfig(props);
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(props);
        final int port = config.getInt(StreamrecConfig.HTTP_PORT);
        final Properties streamsProperties = config.streamsProperties();
        final HostInfo self = LiveQueries.applicationServer(streamsProperties, port);
        try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry,
            WarmStarts.load(config, new TopicSerdes(registry))), streamsProperties);
             OpsEndpoint endpoint = port < 0 ? null
                 : OpsEndpoint.start(port, runner.streams(), OpsEndpoint.DEFAULT_REFRESH)) {
            if (endpoint != null && self != null) {
                endpoint.serve(QueryHandlers.PREFIX, LiveQueries.handlers(runner.streams(), runner.liveModels(),
                    config, new TopicSerdes(registry).itemProfile().deserializer(), self));
            }
            final Thread shutdown = new Thread(runner::close, "streamrec-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            runner.start();
            runner.awaitStopped();
            return runner.failure() == null ? 0 : 1;
        }
    }
}
