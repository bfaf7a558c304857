package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.cli.PublishingSink;
import dev.streamrec.evaluation.PartitionedEvaluation;
import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.TopicSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter sync through Kafka (docs/shared-model.md) on a real broker with exactly-once: the first
 * {@value #RATINGS} ML-100k ratings and their impressions over 2 partitions, daily rounds, LR and LC-W&D. Each task
 * publishes its round deltas, the merge step merges them, every task applies them through the global store and
 * holds its input while it waits. The scored events must equal, bit for bit, those of the in-process simulation of
 * the same two tasks ({@code simulate-partitions}) fed each task's events in the order the task processed them,
 * which applies every merged round at the same point of every task's stream without Kafka.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ParameterSyncIT {
    private static final String APPLICATION = "parameter-sync";
    private static final int RATINGS = 10_000;
    private static final long DAY = 86_400_000L;
    private static final int PARTITIONS = 2;

    @TempDir
    Path stateDir;

    @Test
    void scoresEveryEventAsTheSimulationOfTheSameSyncedTasksDoes() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        // rounds from the day before the first rating: no event lies before the first round
        final long[] ratingTimes = ratingMillis(movieLens);
        final long start = ratingTimes[0] - DAY;
        final Map<String, String> sync = Map.of(StreamrecConfig.MODELS, "lr,lcwd",
            StreamrecConfig.SYNC_ROUND_MS, Long.toString(DAY), StreamrecConfig.SYNC_START_MS, Long.toString(start),
            StreamrecConfig.PARTITIONS, Integer.toString(PARTITIONS));
        try (StreamrecCluster cluster = new StreamrecCluster(APPLICATION, stateDir, PARTITIONS, sync)) {
            final long events;
            try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(),
                cluster.config.topics(), cluster.serdes)) {
                profilesFirst(MovieLensDataset.open(movieLens, malformed -> { }))
                    .replay(new PublishingSink(publisher, 2L * RATINGS, () -> { }, () -> { }));
                publisher.flush();
                events = publisher.events();
            }
            roundMarks(cluster.config, ratingTimes[RATINGS - 1] + 2 * DAY);

            final Map<String, List<Prediction>> streamed = new HashMap<>();
            final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(
                cluster.config.originalsStrings());
            try (OutputReader outputs = new OutputReader(cluster.config.clientProperties(), cluster.config.topics(),
                    new TopicSerdes(registry), 1000);
                 StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(cluster.config, registry),
                     cluster.config.streamsProperties())) {
                runner.cleanUp();
                runner.start();
                final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
                while (outputs.scored() < events && System.nanoTime() < deadline && runner.failure() == null) {
                    outputs.poll(Duration.ofMillis(200), e -> assertNull(streamed.put(e.getEventId(),
                        List.copyOf(e.getPredictions())), "event " + e.getEventId() + " scored twice"), null);
                }
                assertNull(runner.failure(), "streamrec failed");
                assertEquals(events, outputs.scored(), "each event scored exactly once");
            }

            final Map<String, List<Prediction>> simulated = new HashMap<>();
            final FeatureConfig features = FeatureConfig.fromProperties(cluster.config.modelProperties());
            final PartitionedEvaluation.Result result = new PartitionedEvaluation(features,
                cluster.config.validation(), new ModelFactory(cluster.config.models(),
                cluster.config.modelProperties(), features, cluster.config.validation()), PARTITIONS,
                user -> Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % PARTITIONS,
                new PartitionedEvaluation.Sync(DAY, 1, cluster.config.getInt(StreamrecConfig.SYNC_DENSE_EVERY_ROUNDS)),
                events).run(inTaskOrder(profilesFirst(MovieLensDataset.open(movieLens, malformed -> { })),
                    processingOrder(cluster.config, new TopicSerdes(registry)), start),
                    (eventId, predictions) -> simulated.put(eventId, List.copyOf(predictions)));
            assertEquals(simulated.keySet(), streamed.keySet());
            simulated.forEach((eventId, predictions) -> assertEquals(predictions, streamed.get(eventId),
                "predictions of event " + eventId));
            assertTrue(result.rounds() >= 8, "rounds merged: " + result.rounds());
            System.out.printf("%d events over %d partitions, %d daily rounds: every prediction as simulated%n",
                events, PARTITIONS, result.rounds());
        }
    }

    /**
     * The events of each task in the order the task processed them: its partition of the scored-events topic, in
     * offset order. (A task merges its impression and rating partitions by timestamp; events of equal time may come
     * in another order than the source's, and the order decides what the models learn.)
     */
    private static Map<Integer, List<String>> processingOrder(final StreamrecConfig config, final TopicSerdes serdes) {
        final Map<Integer, List<String>> order = new TreeMap<>();
        final String topic = config.topics().scoredEvents();
        for (final ConsumerRecord<byte[], byte[]> record : CommittedRecords.read(config.clientProperties(),
            List.of(topic))) {
            order.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                .add(serdes.scoredEvent().deserializer().deserialize(topic, record.value()).getEventId());
        }
        return order;
    }

    /**
     * {@code source}'s profiles, then its events ordered as the tasks processed them: by round (a task's round
     * never goes back), then by task, then in the task's order. Within a round the tasks do not see each other, so
     * this is the order of the stream as the simulation can replay it.
     */
    private static EventSource inTaskOrder(final EventSource source, final Map<Integer, List<String>> order,
                                           final long start) {
        return sink -> {
            final Map<String, Object> events = new HashMap<>();
            source.replay(new EventSink() {
                @Override
                public void user(final UserProfile profile) {
                    sink.user(profile);
                }

                @Override
                public void item(final ItemProfile profile) {
                    sink.item(profile);
                }

                @Override
                public void impression(final ImpressionEvent e) {
                    events.put(e.getEventId(), e);
                }

                @Override
                public void rating(final RatingEvent e) {
                    events.put(e.getEventId(), e);
                }
            });
            final List<long[]> positions = new ArrayList<>(); // round, task, index
            order.forEach((task, ids) -> {
                long round = Math.floorDiv(start, DAY);
                for (int i = 0; i < ids.size(); i++) {
                    final Object e = events.get(ids.get(i));
                    final long time = (e instanceof ImpressionEvent im ? im.getEventTime()
                        : ((RatingEvent) e).getEventTime()).toEpochMilli();
                    round = Math.max(round, Math.floorDiv(time, DAY));
                    positions.add(new long[] {round, task, i});
                }
            });
            positions.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1])
                .thenComparingLong(p -> p[2]));
            for (final long[] p : positions) {
                final Object e = events.get(order.get((int) p[1]).get((int) p[2]));
                if (e instanceof ImpressionEvent im) {
                    sink.impression(im);
                } else {
                    sink.rating((RatingEvent) e);
                }
            }
        };
    }

    /**
     * {@code source} with every user profile timestamped at the epoch: ML-100k's profiles carry the time of the first
     * impression, and a task would pick that impression or its user's profile first depending on which partition it
     * happens to read first (a tie in time). The simulation reads every profile first.
     */
    private static EventSource profilesFirst(final EventSource source) {
        return sink -> source.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                profile.setUpdateTime(java.time.Instant.EPOCH);
                sink.user(profile);
            }

            @Override
            public void item(final ItemProfile profile) {
                sink.item(profile);
            }

            @Override
            public void impression(final ImpressionEvent e) {
                sink.impression(e);
            }

            @Override
            public void rating(final RatingEvent e) {
                sink.rating(e);
            }
        });
    }

    /** A round mark on every partition of the impressions topic: it closes every round before {@code time}. */
    private static void roundMarks(final StreamrecConfig config, final long time) {
        final Map<String, Object> props = new HashMap<>(config.clientProperties());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                final ProducerRecord<byte[], byte[]> mark = new ProducerRecord<>(config.topics().impressions(), p,
                    time, (byte[]) null, (byte[]) null);
                mark.headers().add("streamrec-round-mark", new byte[0]);
                producer.send(mark);
            }
            producer.flush();
        }
    }

    /** The times of u.data's ratings (tab-separated user, item, rating, unix seconds) in ms, in time order. */
    private static long[] ratingMillis(final Path movieLens) throws Exception {
        return Files.readAllLines(movieLens.resolve("u.data")).stream()
            .mapToLong(line -> Long.parseLong(line.split("\t")[3]) * 1000L).sorted().toArray();
    }
}
