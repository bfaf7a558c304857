package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.registry.BadRecordException.Reason;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.UserProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {
    private static final String TOPIC = "impressions";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ConfluentAvroSerde<ImpressionEvent> serde =
            new ConfluentAvroSerde<>(registry, ImpressionEvent.class, false);

    @Test
    void roundTripsEverySchemaType() {
        for (final SpecificRecord record : SampleRecords.all()) {
            final byte[] bytes = roundTripBytes(record);
            assertEquals(0, bytes[0]);
            final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            assertEquals(record.getSchema(), registry.schemaById(id));
        }
    }

    @Test
    void registersUnderTopicNameStrategySubjects() {
        final ConfluentAvroSerde<ImpressionEvent> keySerde =
                new ConfluentAvroSerde<>(registry, ImpressionEvent.class, true);
        final byte[] value = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        final byte[] key = keySerde.serializer().serialize(TOPIC, SampleRecords.impression());
        assertEquals(registry.latest("impressions-value").id(), ByteBuffer.wrap(value, 1, 4).getInt());
        assertEquals(registry.latest("impressions-key").id(), ByteBuffer.wrap(key, 1, 4).getInt());
        assertEquals(SampleRecords.impression(), keySerde.deserializer().deserialize(TOPIC, key));
    }

    @Test
    void mapsNullToTombstoneAndBack() {
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }

    @Test
    void rejectsBytesShorterThanTheHeader() {
        assertReason(Reason.TOO_SHORT, new byte[] {0, 0, 0, 1});
        assertReason(Reason.TOO_SHORT, new byte[0]);
    }

    @Test
    void rejectsWrongMagicByte() {
        final byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        bytes[0] = 1;
        assertReason(Reason.BAD_MAGIC_BYTE, bytes);
    }

    @Test
    void rejectsUnknownSchemaId() {
        final byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        ByteBuffer.wrap(bytes).putInt(1, 9_999);
        final BadRecordException e = assertReason(Reason.UNKNOWN_SCHEMA_ID, bytes);
        assertEquals(9_999, e.schemaId());
    }

    @Test
    void rejectsGarbageBody() {
        final int id = registry.register("impressions-value", ImpressionEvent.getClassSchema());
        final byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        ByteBuffer.wrap(garbage).put((byte) 0).putInt(id);
        assertReason(Reason.UNDECODABLE_BODY, garbage);
    }

    @Test
    void rejectsTruncatedBody() {
        final byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        for (final int cut : new int[] {1, bytes.length / 2, bytes.length - 6}) {
            assertReason(Reason.UNDECODABLE_BODY, Arrays.copyOf(bytes, bytes.length - cut));
        }
    }

    @Test
    void rejectsTrailingBytesAfterBody() {
        final byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        assertReason(Reason.UNDECODABLE_BODY, Arrays.copyOf(bytes, bytes.length + 3));
    }

    @Test
    void rejectsWriterSchemaTheReaderCannotResolve() throws IOException {
        final Schema unrelated = SchemaBuilder.record("Unrelated").namespace("other").fields()
                .requiredInt("count").endRecord();
        final GenericRecord record = new GenericData.Record(unrelated);
        record.put("count", 7);
        final int id = registry.register("other-value", unrelated);
        final BadRecordException e = assertReason(Reason.INCOMPATIBLE_SCHEMA, frame(id, unrelated, record));
        assertTrue(e.getMessage().contains("Unrelated"), e.getMessage());
    }

    @Test
    void readsRecordsWrittenWithAnOlderSchema() throws IOException {
        final Schema v1 = SchemaBuilder.record("UserProfile").namespace("dev.streamrec.schema").fields()
                .requiredString("userId")
                .name("attributes").type(UserProfile.getClassSchema().getField("attributes").schema()).noDefault()
                .name("updateTime").type(UserProfile.getClassSchema().getField("updateTime").schema()).noDefault()
                .endRecord();
        final GenericRecord old = new GenericData.Record(v1);
        old.put("userId", "u-7");
        old.put("attributes", SampleRecords.attributes());
        old.put("updateTime", SampleRecords.TIME);
        final int id = registry.register("users-value", v1);
        final ConfluentAvroSerde<UserProfile> users = new ConfluentAvroSerde<>(registry, UserProfile.class, false);
        final UserProfile read = users.deserializer().deserialize("users", frame(id, v1, old));
        assertEquals(new UserProfile("u-7", SampleRecords.attributes(), null, SampleRecords.TIME), read);
    }

    @Test
    void lookupOnlyModeFailsForUnregisteredSchema() {
        final ConfluentAvroSerde<ImpressionEvent> lookupOnly =
                new ConfluentAvroSerde<>(registry, ImpressionEvent.class, false, false);
        final SerializationException e = assertThrows(SerializationException.class,
                () -> lookupOnly.serializer().serialize(TOPIC, SampleRecords.impression()));
        assertTrue(e.getCause() instanceof SchemaRegistryException, String.valueOf(e.getCause()));
        registry.register("impressions-value", ImpressionEvent.getClassSchema());
        final byte[] bytes = lookupOnly.serializer().serialize(TOPIC, SampleRecords.impression());
        assertEquals(SampleRecords.impression(), lookupOnly.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void reusedBuffersDoNotLeakBetweenRecords() {
        final byte[] first = serde.serializer().serialize(TOPIC, SampleRecords.impression());
        final ImpressionEvent other = SampleRecords.impression();
        other.setItemId("a-much-longer-item-id-than-before");
        final byte[] second = serde.serializer().serialize(TOPIC, other);
        assertEquals(SampleRecords.impression(), serde.deserializer().deserialize(TOPIC, first));
        assertEquals(other, serde.deserializer().deserialize(TOPIC, second));
        assertArrayEquals(first, serde.serializer().serialize(TOPIC, SampleRecords.impression()));
    }

    @Test
    void unconfiguredReflectiveSerdeFailsClearly() {
        final ConfluentAvroSerde<ImpressionEvent> bare = new ConfluentAvroSerde<>();
        final IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bare.serializer().serialize(TOPIC, SampleRecords.impression()));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bare.configure(Map.of(), false));
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> byte[] roundTripBytes(final T record) {
        final ConfluentAvroSerde<T> typed =
                new ConfluentAvroSerde<>(registry, (Class<T>) record.getClass(), false);
        final String topic = record.getSchema().getName();
        final byte[] bytes = typed.serializer().serialize(topic, record);
        assertEquals(record, typed.deserializer().deserialize(topic, bytes));
        return bytes;
    }

    private BadRecordException assertReason(final Reason reason, final byte[] bytes) {
        final BadRecordException e = assertThrows(BadRecordException.class,
                () -> serde.deserializer().deserialize(TOPIC, bytes));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(TOPIC, e.topic());
        return e;
    }

    /**
     * Confluent framing done by hand: a record written with a plain Avro GenericDatumWriter (timestamps as
     * {@code Instant}).
     */
    static byte[] frame(final int id, final Schema schema, final Object record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        final GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        new GenericDatumWriter<>(schema, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
