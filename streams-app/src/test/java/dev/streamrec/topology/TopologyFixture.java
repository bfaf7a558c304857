package dev.streamrec.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import java.util.function.UnaryOperator;

import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.SnapshotRecord;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** streamrec's production topology in a {@link TopologyTestDriver}, with typed input and output topics. */
final class TopologyFixture implements AutoCloseable {
    final StreamrecConfig config;
    final InMemorySchemaRegistry registry;
    final TopicSerdes serdes;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> impressions;
    final TestInputTopic<String, byte[]> ratings;
    final TestInputTopic<String, byte[]> users;
    final TestInputTopic<String, byte[]> items;
    final TestOutputTopic<String, ScoredEvent> scored;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, SnapshotRecord> snapshots;
    /** Item profiles the global loader rejected (in production they go to the dead-letter topic directly). */
    final List<Rejection> profileDeadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The live models of the driver's tasks, as live queries see them (#17). */
    final dev.streamrec.query.LiveModels live = new dev.streamrec.query.LiveModels();

    TopologyFixture(final Path stateDir, final List<String> models, final InMemorySchemaRegistry registry) {
        this(stateDir, models, registry, Map.of(), WarmStartStates.NONE);
    }

    TopologyFixture(final Path stateDir, final List<String> models, final InMemorySchemaRegistry registry,
                    final Map<String, String> extra, final WarmStartStates warmStart) {
        this(stateDir, models, registry, extra, warmStart, UnaryOperator.identity());
    }

    /** A fixture whose per-task models are {@code wrap}ped (e.g. to make one of them throw). */
    TopologyFixture(final Path stateDir, final List<String> models, final InMemorySchemaRegistry registry,
                    final Map<String, String> extra, final WarmStartStates warmStart,
                    final UnaryOperator<List<OnlineModel>> wrap) {
        final Map<String, String> props = new HashMap<>();
        props.put(StreamrecConfig.REGISTRY_URL, "unused");
        props.put(StreamrecConfig.MODELS, String.join(",", models));
        props.put("deepmix.batch.size", "8");
        props.put("lcwd.batch.size", "8");
        // Checkpoints every few events (out of step with the batches), so that tests cross many of them.
        props.put(StreamrecConfig.CHECKPOINT_EVERY_EVENTS, "5");
        props.putAll(extra);
        this.config = new StreamrecConfig(props);
        this.registry = registry;
        this.serdes = new TopicSerdes(registry);
        final Properties streams = config.streamsProperties();
        streams.put("state.dir", stateDir.toString());
        streams.put("bootstrap.servers", "unused:9092");
        // The driver feeds one record at a time and has nothing to fetch: never wait for other partitions.
        streams.put("max.task.idle.ms", "0");
        streams.put(dev.streamrec.query.LiveModels.CONFIG_KEY, live); // live queries (#17)
        final ProfileDeadLetters channel = new ProfileDeadLetters() {
            @Override
            public void send(final Rejection rejection) {
                profileDeadLetters.add(rejection);
            }

            @Override
            public void close() {
            }
        };
        final FeatureConfig features = FeatureConfig.fromProperties(config.modelProperties());
        final ModelFactory factory = new ModelFactory(config.models(), config.modelProperties(), features,
            config.validation());
        this.driver = new TopologyTestDriver(StreamrecTopology.build(config, serdes, () -> wrap.apply(factory.get()),
            features, warmStart, channel), streams);
        final Topics topics = config.topics();
        this.impressions = driver.createInputTopic(topics.impressions(), new StringSerializer(),
            new ByteArraySerializer());
        this.ratings = driver.createInputTopic(topics.ratings(), new StringSerializer(), new ByteArraySerializer());
        this.users = driver.createInputTopic(topics.users(), new StringSerializer(), new ByteArraySerializer());
        this.items = driver.createInputTopic(topics.items(), new StringSerializer(), new ByteArraySerializer());
        this.scored = driver.createOutputTopic(topics.scoredEvents(), new StringDeserializer(),
            serdes.scoredEvent().deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        this.snapshots = driver.createOutputTopic(topics.snapshots(), new StringDeserializer(),
            serdes.snapshotRecord().deserializer());
    }

    static Attributes attributes(final Map<String, List<String>> categorical, final Map<String, Double> numeric) {
        return new Attributes(new HashMap<>(categorical), new HashMap<>(numeric));
    }

    void user(final String id, final String occupation, final double age) {
        final UserProfile profile = new UserProfile(id,
            attributes(Map.of("occupation", List.of(occupation)), Map.of("age", age)), null, Instant.EPOCH);
        users.pipeInput(id, serdes.userProfile().serializer().serialize(config.topics().users(), profile),
            Instant.EPOCH);
    }

    void item(final String id, final List<String> genres) {
        final ItemProfile profile = new ItemProfile(id, attributes(Map.of("genre", genres), Map.of()), "Title " + id,
            Instant.EPOCH);
        items.pipeInput(id, serdes.itemProfile().serializer().serialize(config.topics().items(), profile),
            Instant.EPOCH);
    }

    void impression(final String eventId, final String user, final String item, final long time,
                    final boolean clicked) {
        final ImpressionEvent event = new ImpressionEvent(eventId, user, item, Instant.ofEpochMilli(time), clicked,
            attributes(Map.of(), Map.of()));
        impressions.pipeInput(user, serdes.impression().serializer().serialize(config.topics().impressions(), event),
            Instant.ofEpochMilli(time));
    }

    void rating(final String eventId, final String user, final String item, final long time, final float rating) {
        final RatingEvent event = new RatingEvent(eventId, user, item, Instant.ofEpochMilli(time), rating,
            attributes(Map.of(), Map.of()));
        ratings.pipeInput(user, serdes.rating().serializer().serialize(config.topics().ratings(), event),
            Instant.ofEpochMilli(time));
    }

    /** Every entry of a model's state store, hex key to hex value, in key order. */
    Map<String, String> modelState(final String model) {
        final Map<String, String> state = new java.util.TreeMap<>();
        final org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> store =
            driver.getKeyValueStore(dev.streamrec.state.ModelStateStore.storeName(model));
        try (var it = store.all()) {
            it.forEachRemaining(kv -> state.put(java.util.HexFormat.of().formatHex(kv.key.get()),
                java.util.HexFormat.of().formatHex(kv.value)));
        }
        return state;
    }

    /** Every stored user profile, by user id. */
    Map<String, String> userProfiles() {
        final Map<String, String> profiles = new java.util.TreeMap<>();
        final org.apache.kafka.streams.state.KeyValueStore<String, UserProfile> store =
            driver.getKeyValueStore(dev.streamrec.state.ProfileStores.USERS);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> profiles.put(kv.key, String.valueOf(kv.value)));
        }
        return profiles;
    }

    /** The dead letters written so far, with their reason header. */
    List<String> deadLetterReasons() {
        return deadLetters.readRecordsToList().stream()
            .map(r -> new String(r.headers().lastHeader(Rejection.HEADER_REASON).value(),
                java.nio.charset.StandardCharsets.UTF_8) + ": " + new String(
                r.headers().lastHeader(Rejection.HEADER_DETAIL).value(), java.nio.charset.StandardCharsets.UTF_8))
            .toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
