package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.schema.ImpressionEvent;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Kafka's reflective path: a no-argument serde configured from {@code schema.registry.url} and friends. */
@Timeout(30)
class ConfluentAvroSerdeConfigureTest {
    private final EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start();

    @AfterEach
    void stop() {
        embedded.close();
    }

    @Test
    void configuredSerdeRegistersAndReadsIntoTheWriterNamedClass() {
        final Serde<ImpressionEvent> serde = new ConfluentAvroSerde<>();
        serde.configure(Map.of(RegistryClientConfig.URL, embedded.url()), true);
        final byte[] bytes = serde.serializer().serialize("impressions", SampleRecords.impression());
        assertEquals(1, embedded.registry().latest("impressions-key").version());
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
    }

    @Test
    void autoRegisterFalseOnlyLooksUp() {
        final Serde<ImpressionEvent> serde = new ConfluentAvroSerde<>();
        serde.configure(Map.of(RegistryClientConfig.URL, embedded.url(), ConfluentAvroSerde.AUTO_REGISTER, "false",
                RegistryClientConfig.MAX_RETRIES, "0"), false);
        final SerializationException e = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("impressions", SampleRecords.impression()));
        assertTrue(e.getMessage().contains("impressions-value"), e.getMessage());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, ((SchemaRegistryException) e.getCause()).errorCode());
        embedded.registry().register("impressions-value", ImpressionEvent.getClassSchema());
        final byte[] bytes = serde.serializer().serialize("impressions", SampleRecords.impression());
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize("impressions", bytes));
    }

    @Test
    void registryOutageIsNotABadRecord() {
        final Serde<ImpressionEvent> serde = new ConfluentAvroSerde<>();
        serde.configure(Map.of(RegistryClientConfig.URL, embedded.url(), RegistryClientConfig.MAX_RETRIES, "0"),
                false);
        final byte[] bytes = serde.serializer().serialize("impressions", SampleRecords.impression());
        final Serde<ImpressionEvent> fresh = new ConfluentAvroSerde<>();
        fresh.configure(Map.of(RegistryClientConfig.URL, embedded.url(), RegistryClientConfig.MAX_RETRIES, "0"),
                false);
        embedded.close();
        final RuntimeException e = assertThrows(RuntimeException.class,
                () -> fresh.deserializer().deserialize("impressions", bytes));
        assertEquals(SchemaRegistryException.class, e.getClass(), "not a BadRecordException: " + e);
    }
}
