package dev.streamrec.topology;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where the global item-profile loader sends the profiles it rejects. A global store's processor has no downstream
 * (Kafka Streams forbids forwarding from it, and a global store's topic cannot also feed a stream), so these dead
 * letters do not travel the topology's transactional route: they are written by an idempotent producer of their
 * own, at least once. A global store rebuilt from the beginning of the items topic sends its rejections again; each
 * carries its source topic, partition and offset in the headers, so a consumer can tell repeats apart.
 */
public interface ProfileDeadLetters extends AutoCloseable {
    /** Sends one rejected profile to the dead-letter topic. */
    void send(Rejection rejection);

    @Override
    void close();

    /** A producer-backed channel to {@code topic}, created on the first rejection, with {@code clientProperties}. */
    static ProfileDeadLetters kafka(final Map<String, Object> clientProperties, final String topic) {
        return new ProfileDeadLetters() {
            private KafkaProducer<byte[], byte[]> producer;

            @Override
            public synchronized void send(final Rejection rejection) {
                if (producer == null) {
                    final Map<String, Object> props = new java.util.HashMap<>(clientProperties);
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamrec-profile-dead-letters");
                    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                }
                producer.send(new ProducerRecord<>(topic, null, null, rejection.key(), rejection.value(),
                    rejection.headers()));
            }

            @Override
            public synchronized void close() {
                if (producer != null) {
                    producer.close();
                    producer = null; // a replacement global thread's loader opens a new one
                }
            }
        };
    }
}
