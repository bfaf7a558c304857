package dev.streamrec.registry;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for generated Avro records in Confluent's wire format, interoperable with Confluent's
 * {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer}: byte {@value #MAGIC_BYTE}, the 4-byte big-endian
 * schema id, then the Avro binary body; subjects follow TopicNameStrategy ({@code <topic>-value},
 * {@code <topic>-key}). See {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} for the
 * contracts, and {@link BadRecordException} for how bad bytes are reported.
 *
 * <p>Preferred construction passes the client explicitly:
 * {@code new ConfluentAvroSerde<>(client, ImpressionEvent.class, false)}. Kafka's reflective path is supported
 * too: construct with {@link #ConfluentAvroSerde()} and call {@link #configure} with {@value
 * RegistryClientConfig#URL}, optionally {@value RegistryClientConfig#USER_INFO} and {@value #AUTO_REGISTER}.
 *
 * @param <T> the record type
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
    /** Byte 0 of every framed record. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte plus 4-byte schema id. */
    public static final int HEADER_SIZE = 5;
    /** Config key: register unknown schemas (true, the default) or only look them up (false). */
    public static final String AUTO_REGISTER = "auto.register.schemas";

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** A serde that must be {@linkplain #configure configured}; it reads into the class named by the writer schema. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    /** A value or key serde that auto-registers schemas. */
    public ConfluentAvroSerde(final SchemaRegistryClient client, final Class<T> type, final boolean isKey) {
        this(client, type, isKey, true);
    }

    /**
     * A value or key serde.
     *
     * @param client       the registry client (shared; the serde does not close it)
     * @param type         the generated record class to read into
     * @param isKey        true for record keys ({@code <topic>-key} subjects)
     * @param autoRegister true to register schemas on first use, false to only look them up
     */
    public ConfluentAvroSerde(final SchemaRegistryClient client, final Class<T> type, final boolean isKey,
                              final boolean autoRegister) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(type, "type");
        this.serializer = new ConfluentAvroSerializer<>(client, isKey, autoRegister);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type, isKey);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
