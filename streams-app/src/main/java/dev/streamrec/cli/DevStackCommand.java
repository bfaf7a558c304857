package dev.streamrec.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec dev-stack}: an embedded broker and schema registry with streamrec's topics, up until Ctrl-C
 * (SIGINT or SIGTERM: the registry and the broker are stopped, the broker's data deleted). Prints how to connect;
 * any Kafka client can produce to it and {@code streamrec run --config FILE} can be pointed at it.
 */
@Command(name = "dev-stack", mixinStandardHelpOptions = true,
    description = "Start an embedded Kafka broker and schema registry with streamrec's topics; stay up until Ctrl-C.")
final class DevStackCommand implements Callable<Integer> {
    @Option(names = "--registry-port", defaultValue = "0",
        description = "Schema registry port on 127.0.0.1; 0 for a free one. Default: ${DEFAULT-VALUE}. "
            + "(The broker's port is always a free one, printed.)")
    int registryPort;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--write-config", paramLabel = "FILE",
        description = "Also write the connection properties to FILE, for `streamrec run --config FILE`.")
    Path configFile;

    @Mixin
    SettingsOptions topicSettings = new SettingsOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        final Map<String, String> settings = new HashMap<>(topicSettings.properties());
        settings.putIfAbsent(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
        settings.putIfAbsent(StreamrecConfig.REGISTRY_URL, "set-by-dev-stack");
        final DevStack stack = DevStack.start(registryPort, settings);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            System.out.println("dev-stack: stopping");
            stack.close();
            stopped.countDown();
        }, "streamrec-dev-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (configFile != null) {
            writeConfig(stack.connectionProperties(), configFile);
        }
        printConnection(stack);
        stopped.await();
        return 0;
    }

    private void printConnection(final DevStack stack) {
        final Topics topics = stack.config().topics();
        System.out.printf("dev-stack up (Ctrl-C stops it)%n");
        System.out.printf("  bootstrap.servers=%s%n", stack.bootstrapServers());
        System.out.printf("  schema.registry.url=%s%n", stack.registryUrl());
        System.out.printf("  topics (%d partitions): %s, %s, %s, %s -> %s, %s, %s%n",
            stack.config().getInt(StreamrecConfig.PARTITIONS), topics.users(), topics.items(), topics.impressions(),
            topics.ratings(), topics.scoredEvents(), topics.snapshots(), topics.deadLetters());
        System.out.printf("run streamrec against it:%n  java -jar streams-app/target/streamrec.jar run %s%n",
            configFile != null ? "--config " + configFile
                : "--bootstrap-servers " + stack.bootstrapServers() + " --registry-url " + stack.registryUrl());
        System.out.println("produce Avro values in Confluent's wire format (subject <topic>-value), keyed by user id;"
            + " see docs/dev-stack.md");
        System.out.flush();
    }

    private static void writeConfig(final Map<String, String> props, final Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file)) {
            writer.write("# written by streamrec dev-stack; valid while it runs\n");
            for (final Map.Entry<String, String> entry : props.entrySet()) {
                writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
    }
}
