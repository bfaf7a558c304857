package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** streamrec's defaults for Kafka Streams, and the user's settings winning over them. */
class StreamrecConfigTest {
    @Test
    void setsExactlyOnceLargerPollsBuffersBatchesAndCompressionByDefault() {
        final Properties streams = config(Map.of()).streamsProperties();
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(StreamrecConfig.MAX_POLL_RECORDS, streams.get("max.poll.records"));
        assertEquals(StreamrecConfig.COMPRESSION, streams.get("compression.type"));
        assertEquals(StreamrecConfig.BUFFERED_RECORDS_PER_PARTITION, streams.get("buffered.records.per.partition"));
        assertEquals(StreamrecConfig.PRODUCER_BATCH_BYTES, streams.get("batch.size"));
        // The values reach Kafka Streams' clients: its own parsing accepts them.
        final StreamsConfig parsed = new StreamsConfig(withBootstrap(streams));
        assertEquals(StreamrecConfig.MAX_POLL_RECORDS,
            parsed.getMainConsumerConfigs("g", "c", 0).get("max.poll.records"));
        assertEquals(StreamrecConfig.COMPRESSION, parsed.getProducerConfigs("p").get("compression.type"));
        assertEquals(StreamrecConfig.PRODUCER_BATCH_BYTES, parsed.getProducerConfigs("p").get("batch.size"));
        assertEquals(StreamrecConfig.BUFFERED_RECORDS_PER_PARTITION,
            parsed.getInt(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG));
    }

    @Test
    void letsTheUsersKafkaSettingsOverrideItsDefaults() {
        final Properties streams = config(Map.of("max.poll.records", "500", "compression.type", "zstd",
            "processing.guarantee", "at_least_once", "buffered.records.per.partition", "300", "batch.size", "8192"))
            .streamsProperties();
        assertEquals("300", streams.get("buffered.records.per.partition"));
        assertEquals("8192", streams.get("batch.size"));
        assertEquals("500", streams.get("max.poll.records"));
        assertEquals("zstd", streams.get("compression.type"));
        assertEquals("at_least_once", streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    private static StreamrecConfig config(final Map<String, String> extra) {
        final Map<String, String> props = new HashMap<>(extra);
        props.put(StreamrecConfig.REGISTRY_URL, "http://unused");
        return new StreamrecConfig(props);
    }

    private static Properties withBootstrap(final Properties streams) {
        final Properties copy = new Properties();
        copy.putAll(streams);
        copy.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return copy;
    }
}
