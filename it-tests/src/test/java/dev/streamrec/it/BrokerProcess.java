package dev.streamrec.it;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (combined KRaft controller and broker, {@code kafka.Kafka}) in a child JVM on the
 * test's classpath, listening on 127.0.0.1 only, so that it can be killed with SIGKILL and restarted on the same
 * ports and log directory while clients keep running. The in-process {@code KafkaClusterTestKit} can only stop and
 * start a broker cleanly ({@code BrokerServer.shutdown()}/{@code startup()}, as Kafka's own {@code ClusterInstance}
 * does), in the test's JVM; a killed process exercises the unclean path: no controlled shutdown, log recovery, a
 * fresh broker incarnation. Configured like {@code EmbeddedKafka}: replication factor 1 everywhere, no initial
 * rebalance delay.
 */
final class BrokerProcess implements AutoCloseable {
    private final Path config;
    private final Path log;
    private final String bootstrapServers;
    private Process process;

    private BrokerProcess(final Path config, final Path log, final String bootstrapServers) {
        this.config = config;
        this.log = log;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Writes the configuration and formats the log directory under {@code dir} (a fresh directory), starts the
     * broker and waits until it serves requests; its output goes to {@code log}.
     */
    static BrokerProcess start(final Path dir, final Path log) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        final int brokerPort = freePort();
        final int controllerPort = freePort();
        final Properties props = new Properties();
        props.putAll(Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", dir.resolve("data").toString()),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "4"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "4"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("num.partitions", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1")));
        final Path config = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "streamrec integration test broker");
        }
        final BrokerProcess broker = new BrokerProcess(config, log,
            "127.0.0.1:" + brokerPort);
        final Process format = broker.java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
            "-c", config.toString());
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's storage failed; see " + broker.log);
        }
        broker.startAndAwaitReady();
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Kills the broker with SIGKILL (no controlled shutdown, no flush) and waits for it to die. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("broker did not die within 60 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** Starts the broker (again) on the same ports and log directory and waits until it serves requests. */
    void startAndAwaitReady() throws IOException, InterruptedException {
        process = java("kafka.Kafka", config.toString());
        final Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Admin client = Admin.create(admin)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("broker exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (!client.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get()
                        .isEmpty()) {
                        return;
                    }
                } catch (final java.util.concurrent.ExecutionException notYet) {
                    // Not serving yet: ask again.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker not ready within 2 min; see " + log);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private Process java(final String mainClass, final String... args) throws IOException {
        final List<String> command = new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-cp",
            StreamrecProcess.testClassPath(), mainClass));
        command.addAll(List.of(args));
        final Process started = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // Should the test JVM itself be stopped (e.g. by failsafe's timeout), take the child down with it.
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kill-broker-" + started.pid()));
        return started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
