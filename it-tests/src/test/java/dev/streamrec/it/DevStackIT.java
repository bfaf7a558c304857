package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.DevStack;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.WarmStartStates;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dev-stack} flow with producers streamrec did not write: events registered by Confluent's own schema
 * registry client and sent by Kafka's own producer, or produced from Python with confluent_kafka (the example in
 * docs/dev-stack.md; skipped where /usr/bin/python3 lacks confluent_kafka), are scored by streamrec run against the
 * stack, none dead-lettered.
 */
class DevStackIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PYTHON_EXAMPLE = Path.of("..", "docs", "examples", "produce_impressions.py");
    private static final int EVENTS = 40;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldScoreEventsRegisteredByConfluentsClientAndSentByKafkasProducer(@TempDir final Path dir)
        throws Exception {
        try (DevStack stack = startStack()) {
            final CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(stack.registryUrl(), 10);
            final String topic = stack.config().topics().impressions();
            final int id = confluent.register(topic + "-value",
                new AvroSchema(ImpressionEvent.getClassSchema().toString()));
            final Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
                for (int i = 0; i < EVENTS; i++) {
                    final ImpressionEvent event = impression(i);
                    producer.send(new ProducerRecord<>(topic, null, event.getEventTime().toEpochMilli(),
                        event.getUserId(), frame(id, event))).get();
                }
            }
            assertScored(stack, dir, "java-");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldScoreEventsProducedFromPythonWithConfluentKafka(@TempDir final Path dir) throws Exception {
        assumeTrue(pythonHasConfluentKafka(), "/usr/bin/python3 with confluent_kafka is not installed");
        try (DevStack stack = startStack()) {
            final Process python = new ProcessBuilder(PYTHON.toString(), PYTHON_EXAMPLE.toString(),
                stack.bootstrapServers(), stack.registryUrl(), Integer.toString(EVENTS),
                stack.config().topics().impressions()).redirectErrorStream(true).start();
            final String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python producer did not finish: " + printed);
            assertEquals(0, python.exitValue(), printed);
            assertScored(stack, dir, "py-");
        }
    }

    private static DevStack startStack() {
        return DevStack.start(0, Map.of(StreamrecConfig.PARTITIONS, "1", StreamrecConfig.REGISTRY_URL, "set-later"));
    }

    /** Runs streamrec against the stack until it has scored {@link #EVENTS} events, all with the given id prefix. */
    private static void assertScored(final DevStack stack, final Path dir, final String idPrefix) throws IOException {
        final Map<String, String> props = new HashMap<>(stack.connectionProperties());
        props.put("application.id", "dev-stack-it");
        props.put("state.dir", Files.createDirectories(dir.resolve("state")).toString());
        props.put("commit.interval.ms", "100");
        props.put(StreamrecConfig.MODELS, "lr");
        props.put(StreamrecConfig.PARTITIONS, "1");
        final StreamrecConfig config = new StreamrecConfig(props);
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(props);
        final Set<String> scoredIds = new HashSet<>();
        try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, registry, WarmStartStates.NONE),
            config.streamsProperties());
             OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(),
                 new TopicSerdes(registry), 1000)) {
            runner.start();
            Await.until(() -> {
                outputs.poll(Duration.ofMillis(100), event -> scoredIds.add(event.getEventId()), null);
                return scoredIds.size() + outputs.deadLetters() >= EVENTS;
            }, () -> runner.failure() == null, EVENTS + " events to be scored");
            assertEquals(0, outputs.deadLetters(), () -> "dead letters: " + outputs.deadLettersByReason());
        }
        assertEquals(EVENTS, scoredIds.size());
        assertTrue(scoredIds.stream().allMatch(id -> id.startsWith(idPrefix)), scoredIds::toString);
    }

    private static ImpressionEvent impression(final int i) {
        return new ImpressionEvent("java-" + i, "java-user-" + i % 5, "java-item-" + i % 7,
            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), i % 3 == 0,
            new Attributes(Map.of("device", List.of(i % 2 == 0 ? "desktop" : "mobile")), Map.of("hour", 9.0)));
    }

    /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro binary body. */
    private static byte[] frame(final int schemaId, final ImpressionEvent event) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ImpressionEvent.class).write(event, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static boolean pythonHasConfluentKafka() throws InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            final Process check = new ProcessBuilder(PYTHON.toString(), "-c",
                "import confluent_kafka.avro, requests").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        }
    }
}
