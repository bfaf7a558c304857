package dev.streamrec.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (combined KRaft controller and broker) running inside this JVM, for the
 * {@code demo} command and the integration tests. Configured for exactly-once on one node: replication factor 1
 * for the offsets and transaction-state topics, no initial rebalance delay.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(final KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats storage under a fresh temporary directory, starts the node and waits until the broker is ready. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker properties (e.g. listener security settings). */
    public static EmbeddedKafka start(final Map<String, String> brokerOverrides) {
        return start(SecurityProtocol.PLAINTEXT, brokerOverrides);
    }

    /**
     * As {@link #start()}, but every listener (broker and controller) requires SASL/PLAIN. The test kit writes a
     * JAAS file with two users, {@value #SASL_ADMIN} (a super user) and {@code plain-user1}, and denies everything
     * else for lack of ACLs; see {@link #SASL_ADMIN_PASSWORD}.
     */
    public static EmbeddedKafka startSaslPlain() {
        return start(SecurityProtocol.SASL_PLAINTEXT, Map.of());
    }

    /** The super user of {@link #startSaslPlain()} (the test kit's {@code JaasUtils.KAFKA_PLAIN_ADMIN}). */
    public static final String SASL_ADMIN = JaasUtils.KAFKA_PLAIN_ADMIN;
    /** The password of {@link #SASL_ADMIN}. */
    public static final String SASL_ADMIN_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    private static EmbeddedKafka start(final SecurityProtocol brokerProtocol,
                                       final Map<String, String> brokerOverrides) {
        try {
            // The test kit defaults to Kafka's newest *testing* metadata version, which turns on unfinished
            // features; a real cluster runs the latest production version, and so does this one. Its bootstrap
            // would hold the metadata version alone, leaving every other feature at level 0 (transactions v1:
            // each exactly-once commit then waits for its markers before the next transaction may add a
            // partition); `kafka-storage format` gives a new cluster each feature's default level for the
            // release, and so does this one (productionBootstrap).
            // Our own directory, deleted by close(): the test kit's default one is also deleted by a JVM shutdown
            // hook, which on Ctrl-C races the broker's own shutdown (an ERROR writing checkpoints to a gone directory).
            final TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(Files.createTempDirectory("streamrec-kafka-"))
                .setBootstrapMetadata(productionBootstrap())
                .setCombined(true)
                .setBrokerSecurityProtocol(brokerProtocol)
                .setControllerSecurityProtocol(brokerProtocol)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
            final KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("default.replication.factor", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            brokerOverrides.forEach(builder::setConfigProp);
            final KafkaClusterTestKit cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (final Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** The metadata version and feature levels a new cluster of this Kafka release is formatted with. */
    static BootstrapMetadata productionBootstrap() {
        final MetadataVersion version = MetadataVersion.latestProduction();
        final Map<String, Short> features = new TreeMap<>();
        for (final Feature feature : Feature.PRODUCTION_FEATURES) {
            if (feature != Feature.KRAFT_VERSION) { // set by the formatter from the quorum's configuration
                features.put(feature.featureName(), feature.defaultLevel(version));
            }
        }
        return BootstrapMetadata.fromVersions(version, features, "streamrec embedded broker");
    }

    /**
     * Formats the node's storage. Kafka's storage {@code Formatter} prints the bootstrap metadata to
     * {@code System.out}; that goes to the log instead, under the formatter's name (shown with {@code --verbose}).
     */
    private static void formatQuietly(final KafkaClusterTestKit cluster) throws Exception {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(stdout);
            final String printed = captured.toString(StandardCharsets.UTF_8).strip();
            if (!printed.isEmpty()) {
                LoggerFactory.getLogger("org.apache.kafka.metadata.storage.Formatter").info(printed);
            }
        }
    }

    /** The {@code bootstrap.servers} string of the broker. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The directory holding the broker's logs and metadata (deleted on close). */
    public Path baseDirectory() {
        return Path.of(cluster.nodes().baseDirectory());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the embedded Kafka broker", e);
        } catch (final Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker cleanly: " + e.getMessage(), e);
        }
    }
}
