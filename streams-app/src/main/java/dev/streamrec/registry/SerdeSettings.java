package dev.streamrec.registry;

import java.util.Map;
import java.util.Objects;

/**
 * What a Confluent Avro serializer or deserializer needs: the registry client, whether it handles keys or values
 * (TopicNameStrategy subject {@code <topic>-key} or {@code <topic>-value}) and whether the serializer registers
 * schemas or only looks them up.
 *
 * @param client       the registry client
 * @param isKey        true for record keys
 * @param autoRegister true to register unknown schemas, false to only look them up
 */
record SerdeSettings(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
    SerdeSettings {
        Objects.requireNonNull(client, "client");
    }

    /** The TopicNameStrategy subject of a topic. */
    String subject(final String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    /**
     * Applies Kafka's {@code configure(configs, isKey)}: keeps an explicitly supplied client, otherwise builds an
     * {@link HttpSchemaRegistryClient} from {@value RegistryClientConfig#URL} and the auth keys;
     * {@value ConfluentAvroSerde#AUTO_REGISTER} defaults to the previous setting, else true.
     */
    static SerdeSettings configure(final SerdeSettings previous, final Map<String, ?> configs, final boolean isKey) {
        final SchemaRegistryClient client = previous != null ? previous.client()
                : HttpSchemaRegistryClient.fromConfigs(configs);
        final Object auto = configs.get(ConfluentAvroSerde.AUTO_REGISTER);
        final boolean autoRegister = auto == null ? previous == null || previous.autoRegister()
                : Boolean.parseBoolean(auto.toString().trim());
        return new SerdeSettings(client, isKey, autoRegister);
    }

    /** The settings, or a clear error when neither a client was given nor {@code configure} was called. */
    static SerdeSettings require(final SerdeSettings settings) {
        if (settings == null) {
            throw new IllegalStateException("Confluent Avro serde used before configure(): pass a "
                    + "SchemaRegistryClient to the constructor or configure " + RegistryClientConfig.URL);
        }
        return settings;
    }
}
