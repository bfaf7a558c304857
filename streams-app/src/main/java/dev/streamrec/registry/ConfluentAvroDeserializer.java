package dev.streamrec.registry;

import dev.streamrec.registry.BadRecordException.Reason;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro ({@code 0x00}, 4-byte big-endian schema id, Avro binary body) into a
 * {@link SpecificRecord}. The writer schema is fetched by id (cached by the client) and resolved to the reader's
 * schema with Avro's schema resolution, so records written with older or newer compatible schemas are read.
 *
 * <p>Contract: {@code null} bytes give {@code null} (tombstones). Bytes at fault raise a
 * {@link BadRecordException} whose {@link BadRecordException.Reason} is {@code TOO_SHORT}, {@code BAD_MAGIC_BYTE},
 * {@code UNKNOWN_SCHEMA_ID}, {@code INCOMPATIBLE_SCHEMA} or {@code UNDECODABLE_BODY} (truncated, malformed or
 * trailing bytes). A registry that cannot be reached raises {@link SchemaRegistryException} instead: that is not
 * the record's fault and must not dead-letter it. The reader schema is the given class's; without one, the
 * generated class named by the writer schema is used. Resolvers are cached per schema id and decoders reused per
 * thread. Thread-safe.
 *
 * @param <T> the record type
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private volatile SerdeSettings settings;
    private final Schema readerSchema;
    private final ConcurrentMap<Integer, Resolution<T>> resolutions = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder[]> decoder = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);

    /**
     * A deserializer for Kafka's reflective construction; {@link #configure} must be called before use, and the
     * reader type is the generated class named by each writer schema.
     */
    public ConfluentAvroDeserializer() {
        this.settings = null;
        this.readerSchema = null;
    }

    /**
     * A deserializer with an explicit client.
     *
     * @param type the generated class to read into (its schema is the reader schema), or {@code null} to use the
     *             class named by the writer schema
     */
    public ConfluentAvroDeserializer(final SchemaRegistryClient client, final Class<T> type, final boolean isKey) {
        this.settings = new SerdeSettings(client, isKey, false);
        this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        settings = SerdeSettings.configure(settings, configs, isKey);
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < ConfluentAvroSerde.HEADER_SIZE) {
            throw new BadRecordException(Reason.TOO_SHORT, topic, BadRecordException.NO_SCHEMA_ID,
                    bytes.length + " bytes, the header alone needs " + ConfluentAvroSerde.HEADER_SIZE, null);
        }
        if (bytes[0] != ConfluentAvroSerde.MAGIC_BYTE) {
            throw new BadRecordException(Reason.BAD_MAGIC_BYTE, topic, BadRecordException.NO_SCHEMA_ID,
                    String.format("byte 0 is 0x%02x, expected 0x00", bytes[0] & 0xff), null);
        }
        final int id = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8)
                | (bytes[4] & 0xff);
        final Resolution<T> resolution = resolution(topic, id);
        if (resolution.reader == null) {
            throw new BadRecordException(Reason.INCOMPATIBLE_SCHEMA, topic, id, resolution.problem, null);
        }
        final BinaryDecoder[] reuse = decoder.get();
        final BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, ConfluentAvroSerde.HEADER_SIZE,
                bytes.length - ConfluentAvroSerde.HEADER_SIZE, reuse[0]);
        reuse[0] = in;
        final T value;
        try {
            value = resolution.reader.read(null, in);
            if (!in.isEnd()) {
                throw new BadRecordException(Reason.UNDECODABLE_BODY, topic, id,
                        "trailing bytes after the Avro body", null);
            }
        } catch (final IOException | RuntimeException e) {
            if (e instanceof BadRecordException bad) {
                throw bad;
            }
            throw new BadRecordException(Reason.UNDECODABLE_BODY, topic, id, String.valueOf(e), e);
        }
        return value;
    }

    private Resolution<T> resolution(final String topic, final int id) {
        final Resolution<T> cached = resolutions.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema writer;
        try {
            writer = SerdeSettings.require(settings).client().schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new BadRecordException(Reason.UNKNOWN_SCHEMA_ID, topic, id, e.getMessage(), e);
            }
            throw e;
        }
        final Resolution<T> computed = resolve(writer);
        final Resolution<T> raced = resolutions.putIfAbsent(id, computed);
        return raced == null ? computed : raced;
    }

    private Resolution<T> resolve(final Schema writer) {
        final Schema reader = readerSchema != null ? readerSchema : specificSchemaOf(writer);
        if (reader == null) {
            return new Resolution<>(null, "no generated class " + writer.getFullName() + " on the class path");
        }
        final SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return new Resolution<>(null, "writer schema " + writer.getFullName() + " cannot be read as "
                    + reader.getFullName() + ": " + check.getResult().getIncompatibilities());
        }
        return new Resolution<>(new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader)), "");
    }

    private static Schema specificSchemaOf(final Schema writer) {
        final Class<?> type = SpecificData.get().getClass(writer);
        return type != null && SpecificRecord.class.isAssignableFrom(type) ? SpecificData.get().getSchema(type)
                : null;
    }

    /** A resolving reader for one writer schema id, or why there is none. */
    private record Resolution<T>(SpecificDatumReader<T> reader, String problem) {
    }
}
