package dev.streamrec.topology;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.streamrec.events.EventValidator;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.registry.SchemaRegistryClient;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.state.ExampleLogStore;
import dev.streamrec.state.MetricsStateStore;
import dev.streamrec.state.ModelStateStore;
import dev.streamrec.state.ProfileStores;
import dev.streamrec.state.SnapshotProgressStore;
import dev.streamrec.state.UserInteractionsStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Builds streamrec's topology; production ({@code run}, {@code demo}) and the tests build exactly this.
 *
 * <pre>
 * impressions --decode--+
 *                       +--merge--> score-and-learn --+             +--> scored-events
 * ratings ----decode--+                               +--merge--route
 * users ---update-user-profiles (store: user-profiles) +            +--> write-dead-letters --> dead-letters
 * items ---(global store: item-profiles)     (score-and-learn also emits snapshot parts --> model-snapshots)
 *
 * with parameter sync on (docs/shared-model.md), also:
 * score-and-learn --round deltas--> sync-deltas --merge-sync-rounds (store: sync-pending)--> sync-merged
 * sync-merged ---(global store: sync-merged-rounds, read by score-and-learn; held input: sync-held)
 * </pre>
 * Events and users are keyed by user id and co-partitioned: one task owns a user's profile, events and models.
 */
public final class StreamrecTopology {
    private StreamrecTopology() {
    }

    /** Builds the topology of {@code config}, its serdes speaking to {@code registry}; no warm start. */
    public static Topology build(final StreamrecConfig config, final SchemaRegistryClient registry) {
        return build(config, registry, WarmStartStates.NONE);
    }

    /**
     * Builds the topology of {@code config}; tasks with empty model stores start from {@code warmStart}; rejected
     * item profiles go to the dead-letter topic through a producer of the config's client settings.
     */
    public static Topology build(final StreamrecConfig config, final SchemaRegistryClient registry,
                                 final WarmStartStates warmStart) {
        return build(config, registry, warmStart,
            ProfileDeadLetters.kafka(config.clientProperties(), config.topics().deadLetters()));
    }

    /** As {@link #build(StreamrecConfig, SchemaRegistryClient, WarmStartStates)}, with the given profile channel. */
    public static Topology build(final StreamrecConfig config, final SchemaRegistryClient registry,
                                 final WarmStartStates warmStart, final ProfileDeadLetters profileDeadLetters) {
        final FeatureConfig features = FeatureConfig.fromProperties(config.modelProperties());
        return build(config, new TopicSerdes(registry), new ModelFactory(config.models(),
            config.modelProperties(), features, config.validation()), features, warmStart, profileDeadLetters);
    }

    /**
     * Builds the topology of {@code config} with the given serdes, per-task model factory, warm start and channel
     * for rejected item profiles.
     */
    public static Topology build(final StreamrecConfig config, final TopicSerdes serdes,
                                 final Supplier<List<OnlineModel>> models, final FeatureConfig features,
                                 final WarmStartStates warmStart, final ProfileDeadLetters profileDeadLetters) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Topics topics = config.topics();
        final List<String> modelNames = config.models();
        final EventValidator validator = new EventValidator(config.validation());

        builder.addStateStore(ProfileStores.usersBuilder(serdes.userProfile()));
        builder.addStateStore(SnapshotProgressStore.builder());
        builder.addStateStore(MetricsStateStore.builder(false));
        builder.addStateStore(ExampleLogStore.builder());
        builder.addStateStore(UserInteractionsStore.builder());
        for (final String model : modelNames) {
            builder.addStateStore(ModelStateStore.builder(model, false));
        }
        builder.addGlobalStore(ProfileStores.itemsBuilder(), topics.items(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("items-source"),
            () -> new ItemProfileLoader(serdes.itemProfile().deserializer(), topics.items(), validator,
                profileDeadLetters));

        final KStream<String, Routed> userRejections = builder
            .stream(topics.users(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("users-source"))
            .process(() -> new UserProfileUpdater(topics.users(), serdes.userProfile().deserializer(),
                validator),
                Named.as("update-user-profiles"), ProfileStores.USERS);

        final KStream<String, Routed> impressions = builder
            .stream(topics.impressions(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("impressions-source"))
            .process(() -> new EventDecoder<ImpressionEvent>(topics.impressions(),
                serdes.impression().deserializer(), EventReaders.impressions(validator)), Named.as("decode-impressions"));
        final KStream<String, Routed> ratings = builder
            .stream(topics.ratings(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ratings-source"))
            .process(() -> new EventDecoder<RatingEvent>(topics.ratings(), serdes.rating().deserializer(),
                EventReaders.ratings(validator)), Named.as("decode-ratings"));

        final SyncSettings sync = SyncSettings.of(config);
        if (sync.on()) {
            addSync(builder, sync);
        }
        final String[] scoringStores = scoringStores(modelNames, sync.on());
        final int aucWindow = config.getInt(StreamrecConfig.AUC_WINDOW);
        final int checkpointEvery = config.getInt(StreamrecConfig.CHECKPOINT_EVERY_EVENTS);
        final Duration logInterval = Duration.ofMillis(config.getLong(StreamrecConfig.METRICS_LOG_INTERVAL_MS));
        final SnapshotSettings snapshots = SnapshotSettings.of(config, warmStart);
        final KStream<String, Routed> scored = impressions
            .merge(ratings, Named.as("merge-events"))
            .process(() -> new ScoringProcessor(models, features, serdes.itemProfile().deserializer(), topics.items(),
                aucWindow, checkpointEvery, logInterval, snapshots, sync), Named.as("score-and-learn"), scoringStores);

        scored.process(InteractionRecorder::new, Named.as("record-interactions"),
            UserInteractionsStore.NAME);
        scored.merge(userRejections, Named.as("merge-rejections"))
            .split(Named.as("route-"))
            .branch((key, value) -> value instanceof Scored, Branched.<String, Routed>withConsumer(stream -> stream
                .mapValues(value -> ((Scored) value).event(), Named.as("unwrap-scored"))
                .to(topics.scoredEvents(), Produced.with(Serdes.String(), serdes.scoredEvent())
                    .withName("scored-events-sink"))).withName("scored"))
            .branch((key, value) -> value instanceof SnapshotPart,
                Branched.<String, Routed>withConsumer(stream -> stream
                    .mapValues(value -> ((SnapshotPart) value).record(), Named.as("unwrap-snapshot"))
                    .to(topics.snapshots(), Produced.with(Serdes.String(), serdes.snapshotRecord())
                        .withStreamPartitioner(new SnapshotPartitioner())
                        .withName("model-snapshots-sink"))).withName("snapshots"))
            .branch((key, value) -> value instanceof DeltaChunk,
                Branched.<String, Routed>withConsumer(stream -> stream
                    .map((key, value) -> KeyValue.pair(((DeltaChunk) value).key(), ((DeltaChunk) value).value()),
                        Named.as("unwrap-sync-delta"))
                    .to(sync.deltasTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("sync-deltas-sink"))).withName("sync-deltas"))
            .defaultBranch(Branched.<String, Routed>withConsumer(stream -> stream
                .process(DeadLetterWriter::new, Named.as("write-dead-letters"))
                .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                    .withName("dead-letters-sink"))).withName("dead-letters"));
        return builder.build();
    }

    /**
     * Parameter sync (docs/shared-model.md): the merge step on the deltas topic, and every instance's global store of
     * the merged rounds.
     */
    private static void addSync(final StreamsBuilder builder, final SyncSettings sync) {
        builder.addStateStore(TaskRounds.storeBuilder());
        builder.addStateStore(DeltaMerger.storeBuilder());
        builder.stream(sync.deltasTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("sync-deltas-source"))
            .process(() -> new DeltaMerger(sync), Named.as("merge-sync-rounds"), DeltaMerger.STORE)
            .to(sync.mergedTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("sync-merged-sink"));
        builder.addGlobalStore(MergedRoundLoader.storeBuilder(), sync.mergedTopic(),
            Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName("sync-merged-source"), MergedRoundLoader::new);
    }

    private static String[] scoringStores(final List<String> modelNames, final boolean sync) {
        if (sync) {
            final String[] without = scoringStores(modelNames, false);
            final String[] stores = java.util.Arrays.copyOf(without, without.length + 1);
            stores[without.length] = TaskRounds.STORE;
            return stores;
        }
        final String[] stores = new String[modelNames.size() + 4];
        stores[0] = ProfileStores.USERS;
        stores[1] = SnapshotProgressStore.NAME;
        stores[2] = MetricsStateStore.NAME;
        stores[3] = ExampleLogStore.NAME;
        for (int i = 0; i < modelNames.size(); i++) {
            stores[i + 4] = ModelStateStore.storeName(modelNames.get(i));
        }
        return stores;
    }
}
