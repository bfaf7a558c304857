package dev.streamrec.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.events.EventSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.topology.ProfileDeadLetters;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicProvisioner;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.WarmStartStates;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison records in the middle of a valid stream, on a real broker with exactly-once: a rating whose item id is
 * 200,000 chars (it once stopped the application), an impression whose learning throws inside LC-W&D (after LR
 * learned it), undecodable bytes and an item profile with a 50,000-char title. The application keeps running; the
 * four go to the dead-letter topic with their reasons; every other event is scored exactly once, bit-identical to a
 * run of the same stream without them (same topology: the throwing model wraps LC-W&D in both runs).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class PoisonRecordIT {
    private static final int RATINGS = 2_500;
    private static final String POISON_ITEM = "poison-item";

    @TempDir
    Path stateDir;

    @Test
    void poisonRecordsAreDeadLetteredAndChangeNothingElse() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null, "ML-100k not found beside the repository; skipping");
        try (StreamrecCluster cluster = new StreamrecCluster("unused", stateDir.resolve("unused"), 2, Map.of())) {
            final Map<String, ScoredEvent> clean = new HashMap<>();
            final OutputReader cleanOutputs = run(cluster, "clean", movieLens, false, clean);
            final Map<String, ScoredEvent> poisoned = new HashMap<>();
            final OutputReader poisonedOutputs = run(cluster, "poisoned", movieLens, true, poisoned);
            assertEquals(2L * RATINGS, clean.size());
            assertEquals(0, cleanOutputs.deadLetters());
            assertEquals(Map.of("FIELD_TOO_LONG", 2L, "PROCESSING_ERROR", 1L, "TOO_SHORT", 1L),
                poisonedOutputs.deadLettersByReason());
            assertEquals(clean.keySet(), poisoned.keySet(), "every valid event scored, exactly once");
            final List<ScoredEvent> differing = clean.values().stream()
                .filter(e -> !e.equals(poisoned.get(e.getEventId())))
                .sorted(java.util.Comparator.comparing(ScoredEvent::getEventTime).thenComparing(ScoredEvent::getEventId))
                .toList();
            assertTrue(differing.isEmpty(), differing.size() + " events differ, the first in time: "
                + (differing.isEmpty() ? "" : differing.get(0) + " vs " + poisoned.get(differing.get(0).getEventId())));
        }
    }

    private OutputReader run(final StreamrecCluster cluster, final String run, final Path movieLens,
                             final boolean poison, final Map<String, ScoredEvent> scored) throws Exception {
        final StreamrecConfig config = config(cluster, run);
        final TopicSerdes serdes = cluster.serdes;
        final long valid = 2L * RATINGS;
        try (EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes)) {
            final PublishingSink sink = new PublishingSink(publisher, valid, () -> { }, () -> { });
            MovieLensDataset.open(movieLens, malformed -> { }).replay(new EventSink() {
                @Override
                public void user(final UserProfile profile) {
                    sink.user(profile);
                }

                @Override
                public void item(final ItemProfile profile) {
                    sink.item(profile);
                }

                private Instant last;
                private boolean poisoned;

                @Override
                public void rating(final RatingEvent event) {
                    beforeEvent(event.getEventTime());
                    sink.rating(event);
                }

                @Override
                public void impression(final ImpressionEvent event) {
                    beforeEvent(event.getEventTime());
                    sink.impression(event);
                }

                /** Poisons the first gap of 2 s or more after half of the stream, 1 ms after the event before it. */
                private void beforeEvent(final Instant time) {
                    if (poison && !poisoned && sink.published() >= valid / 2
                        && time.toEpochMilli() - last.toEpochMilli() >= 2_000) {
                        publishPoison(publisher, config, last.plusMillis(1));
                        poisoned = true;
                    }
                    last = time;
                }
            });
            publisher.flush();
        }
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(config.originalsStrings());
        final FeatureConfig features = FeatureConfig.fromProperties(config.modelProperties());
        final ModelFactory models = new ModelFactory(config.models(), config.modelProperties(), features,
            config.validation());
        final OutputReader outputs = new OutputReader(config.clientProperties(), config.topics(),
            new TopicSerdes(registry), 1000);
        try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(config, new TopicSerdes(registry),
                () -> throwingLcwd(models.get()), features, WarmStartStates.NONE,
                ProfileDeadLetters.kafka(config.clientProperties(), config.topics().deadLetters())),
            config.streamsProperties())) {
            runner.start();
            final long deadLetters = poison ? 4 : 0;
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((outputs.scored() < valid || outputs.deadLetters() < deadLetters)
                && System.nanoTime() < deadline && runner.failure() == null) {
                outputs.poll(Duration.ofMillis(200), e -> assertNull(scored.put(e.getEventId(), e),
                    "event " + e.getEventId() + " scored twice"), null);
            }
            assertNull(runner.failure(), "streamrec failed");
            assertEquals(valid, outputs.scored(), "each valid event scored exactly once");
            assertEquals(deadLetters, outputs.deadLetters(), "dead letters " + outputs.deadLettersByReason());
            assertEquals(org.apache.kafka.streams.KafkaStreams.State.RUNNING, runner.streams().state());
        }
        outputs.close();
        return outputs;
    }

    /**
     * The middle of the stream: four records that must not stop it. Their timestamp lies in a gap between two
     * events and equals no other record's: Kafka Streams interleaves the co-partitioned event topics by timestamp,
     * so a record out of order, or tied with a record of the other topic, would reorder valid events (poison or
     * not). User 1 is in the data set.
     */
    private static void publishPoison(final EventPublisher publisher, final StreamrecConfig config,
                                      final Instant time) {
        final Attributes none = new Attributes(new HashMap<>(), new HashMap<>());
        publisher.rating(new RatingEvent("poison-long-item", "1", "i".repeat(200_000), time, 4f, none));
        publisher.impression(new ImpressionEvent("poison-throws", "1", POISON_ITEM, time, true, none));
        publisher.sendRaw(config.topics().impressions(), "1", time.toEpochMilli(), new byte[] {0, 1});
        publisher.item(new ItemProfile("poison-title", none, "t".repeat(50_000), time));
    }

    /** The models of a task, LC-W&D wrapped to throw after learning any event of {@value #POISON_ITEM}. */
    private static List<OnlineModel> throwingLcwd(final List<OnlineModel> models) {
        final List<OnlineModel> wrapped = new ArrayList<>();
        for (final OnlineModel model : models) {
            wrapped.add(!model.name().equals("lcwd") ? model : (OnlineModel) Proxy.newProxyInstance(
                OnlineModel.class.getClassLoader(), new Class<?>[] {OnlineModel.class}, (proxy, method, args) -> {
                    final Object result;
                    try {
                        result = method.invoke(model, args);
                    } catch (final InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("learn") && ((Example) args[0]).itemId().equals(POISON_ITEM)) {
                        throw new IllegalStateException("lcwd broke learning " + POISON_ITEM);
                    }
                    return result;
                }));
        }
        return wrapped;
    }

    private StreamrecConfig config(final StreamrecCluster cluster, final String run) {
        final Map<String, String> props = new HashMap<>(cluster.config.originalsStrings());
        props.put("application.id", "poison-" + run);
        props.put("state.dir", stateDir.resolve(run).toString());
        for (final String topic : List.of(StreamrecConfig.TOPIC_IMPRESSIONS, StreamrecConfig.TOPIC_RATINGS,
            StreamrecConfig.TOPIC_USERS, StreamrecConfig.TOPIC_ITEMS, StreamrecConfig.TOPIC_SCORED,
            StreamrecConfig.TOPIC_DEAD_LETTERS, StreamrecConfig.TOPIC_SNAPSHOTS)) {
            props.put(topic, cluster.config.getString(topic) + "-" + run);
        }
        final StreamrecConfig config = new StreamrecConfig(props);
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(config.topics(), 2, (short) 1,
                config.getLong(StreamrecConfig.RETENTION_MS));
        }
        return config;
    }
}
