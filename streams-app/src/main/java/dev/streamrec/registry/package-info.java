/**
 * streamrec's Confluent Schema Registry layer: a client for the Confluent REST protocol, in-memory and embedded
 * registries for tests and demos, and a Kafka Serde for generated Avro records in Confluent's wire format.
 *
 * <p>Confluent's own client artifacts are not on Maven Central, so this package speaks the protocol itself and is
 * tested against Confluent's real client (shaded in a test dependency). Entry points:
 * <ul>
 *   <li>{@link dev.streamrec.registry.SchemaRegistryClient} with {@link dev.streamrec.registry.HttpSchemaRegistryClient}
 *       (production) and {@link dev.streamrec.registry.InMemorySchemaRegistry} (unit tests);</li>
 *   <li>{@link dev.streamrec.registry.EmbeddedSchemaRegistry}, a REST server on 127.0.0.1 around an in-memory
 *       registry, with Confluent's deletion, modes and schema references ({@code docs/schema-registry.md} lists
 *       its endpoints and codes);</li>
 *   <li>{@link dev.streamrec.registry.ConfluentAvroSerde}, whose deserializer reports bad bytes as
 *       {@link dev.streamrec.registry.BadRecordException} with a reason for the dead-letter topic.</li>
 * </ul>
 * Layering: this package may use Kafka's serialization API and Avro; model packages must not import it.
 */
package dev.streamrec.registry;
