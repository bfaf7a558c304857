package dev.streamrec.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link SpecificRecord} in Confluent's wire format: {@code 0x00}, the 4-byte big-endian schema id, then
 * the Avro binary body. The schema id is registered (or, with auto-registration off, looked up) under the
 * TopicNameStrategy subject {@code <topic>-value} or {@code <topic>-key}; the id of the last schema used is
 * remembered, so the hot path asks neither the client nor the registry. Buffers and encoders are reused per
 * thread. {@code null} is written as {@code null} (a tombstone). Registry failures are thrown as
 * {@link SerializationException}s naming the topic and subject, with the {@link SchemaRegistryException} as cause.
 * Thread-safe.
 *
 * @param <T> the record type
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private volatile SerdeSettings settings;
    private volatile CachedId lastId;
    private final ThreadLocal<WriteState> state = ThreadLocal.withInitial(WriteState::new);

    /** A serializer for Kafka's reflective construction; {@link #configure} must be called before use. */
    public ConfluentAvroSerializer() {
        this.settings = null;
    }

    /** A serializer with an explicit client. */
    public ConfluentAvroSerializer(final SchemaRegistryClient client, final boolean isKey, final boolean autoRegister) {
        this.settings = new SerdeSettings(client, isKey, autoRegister);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        settings = SerdeSettings.configure(settings, configs, isKey);
        lastId = null;
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final Schema schema = data.getSchema();
        final int id = schemaId(topic, schema);
        final WriteState local = state.get();
        try {
            local.out.reset();
            local.out.write(ConfluentAvroSerde.MAGIC_BYTE);
            local.out.write(id >>> 24);
            local.out.write(id >>> 16);
            local.out.write(id >>> 8);
            local.out.write(id);
            local.encoder = EncoderFactory.get().binaryEncoder(local.out, local.encoder);
            local.writer(schema).write(data, local.encoder);
            local.encoder.flush();
            return local.out.toByteArray();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private int schemaId(final String topic, final Schema schema) {
        final SerdeSettings current = SerdeSettings.require(settings);
        final CachedId cached = lastId;
        if (cached != null && cached.schema == schema && cached.topic.equals(topic)) {
            return cached.id;
        }
        final String subject = current.subject(topic);
        try {
            final int id = current.autoRegister() ? current.client().register(subject, schema)
                    : current.client().lookup(subject, schema);
            lastId = new CachedId(topic, schema, id);
            return id;
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for " + schema.getFullName() + " under subject "
                    + subject + " (topic " + topic + ", auto-register " + current.autoRegister() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The last (topic, schema) -> id answer; schema compared by identity, which is what the hot path sees. */
    private record CachedId(String topic, Schema schema, int id) {
    }

    /** Per-thread reusable buffer, encoder and datum writer. */
    private static final class WriteState {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private BinaryEncoder encoder;
        private Schema writerSchema;
        private SpecificDatumWriter<Object> writer;

        SpecificDatumWriter<Object> writer(final Schema schema) {
            if (schema != writerSchema) {
                writer = new SpecificDatumWriter<>(schema);
                writerSchema = schema;
            }
            return writer;
        }
    }
}
