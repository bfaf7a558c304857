package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.endpoint.OpsEndpoint;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.query.LiveQueries;
import dev.streamrec.query.LiveTask;
import dev.streamrec.query.QueryHandlers;
import dev.streamrec.query.QueryParser;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.state.ProfileStores;
import dev.streamrec.topology.StreamrecTopology;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streamrec instances of one application on a real broker, each with its live-query endpoint on its own
 * {@code application.server}: a request sent to the instance that does not own the user is forwarded to the owner
 * and answered from the owner's live models, and a live score equals, bit for bit, the prediction the stream then
 * writes for the same (user, item, time) event.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LiveQueriesTwoInstancesIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final int USERS = 8;
    private static final int ITEMS = 30;
    private static final int EVENTS = 400;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, UserProfile> users = new HashMap<>();
    private final Map<String, ItemProfile> items = new HashMap<>();
    private final Map<String, Set<String>> interacted = new HashMap<>();

    private record Instance(StreamsRunner runner, OpsEndpoint endpoint, HostInfo host) implements AutoCloseable {
        @Override
        public void close() {
            endpoint.close();
            runner.close();
        }
    }

    @Test
    void shouldAnswerARequestToTheNonOwnerFromTheOwnersLiveModels() throws Exception {
        try (StreamrecCluster cluster = new StreamrecCluster("live-queries", dir.resolve("unused"), 2,
            Map.of("streamrec.models", "lr,lcwd"))) {
            publish(cluster);
            try (Instance a = start(cluster, "a"); Instance b = start(cluster, "b")) {
                Await.processed(cluster.config, () -> a.runner().failure() == null && b.runner().failure() == null);
                Await.until(() -> a.runner().liveModels().tasks().size() == 1
                        && b.runner().liveModels().tasks().size() == 1
                        && a.runner().streams().state() == KafkaStreams.State.RUNNING
                        && b.runner().streams().state() == KafkaStreams.State.RUNNING,
                    () -> a.runner().failure() == null && b.runner().failure() == null, "one live task per instance");
                final String user = ownedBy(a.runner().streams(), b.host());
                final KeyQueryMetadata owner = a.runner().streams().queryMetadataForKey(ProfileStores.USERS, user,
                    new StringSerializer());
                final LiveTask task = b.runner().liveModels().task(owner.partition()).orElseThrow();

                final JsonNode top = get(a.host(), "/v1/users/" + user + "/recommendations?k=10&model=lcwd&at="
                    + (T0 + EVENTS * 60_000L));
                assertEquals(b.host().host() + ":" + b.host().port(), top.get("servedBy").asText());
                assertEquals(a.host().host() + ":" + a.host().port(), top.get("forwardedBy").asText());
                assertEquals(task.taskId(), top.get("taskId").asText());
                assertEquals(interacted.get(user).size(), top.get("excluded").asInt(),
                    "the user's items, from the interactions store: " + interacted.get(user));
                assertTopTen(cluster, task, user, T0 + EVENTS * 60_000L, top.get("items"));

                final long probeTime = T0 + (EVENTS + 5) * 60_000L;
                final String probeItem = new TreeSet<>(items.keySet()).first();
                final JsonNode scored = post(a.host(), "/v1/score", "{\"pairs\": [{\"user\": \"" + user
                    + "\", \"item\": \"" + probeItem + "\", \"at\": " + probeTime + "}]}").get("results").get(0);
                assertEquals(b.host().host() + ":" + b.host().port(), scored.get("servedBy").asText());
                final ScoredEvent probe = probe(cluster, user, probeItem, probeTime);
                assertEquals(probe.getPredictions().size(), scored.get("scores").size());
                for (int m = 0; m < probe.getPredictions().size(); m++) {
                    final Prediction streamed = probe.getPredictions().get(m);
                    final JsonNode live = scored.get("scores").get(m);
                    assertEquals(streamed.getModel(), live.get("model").asText());
                    assertEquals(streamed.getModelVersion(), live.get("version").asLong(), streamed.getModel());
                    assertEquals(streamed.getScore(), live.get("score").asDouble(), 0.0,
                        streamed.getModel() + ": the live score is the stream's prequential score of the event");
                }
                assertNull(a.runner().failure());
                assertNull(b.runner().failure());
            }
        }
    }

    /** The top ten by the owner's own model over every item the user has not seen, featurized by this test. */
    private void assertTopTen(final StreamrecCluster cluster, final LiveTask task, final String user, final long at,
                              final JsonNode answer) {
        final ExampleFactory factory = new ExampleFactory(FeatureConfig.fromProperties(
            cluster.config.modelProperties()));
        final List<String> candidates = new ArrayList<>(new TreeSet<>(items.keySet()));
        candidates.removeAll(interacted.get(user));
        final List<Example> examples = new ArrayList<>();
        for (final String item : candidates) {
            assertTrue(factory.featurize(user, item, at, QueryParser.emptyContext(), users.get(user), items.get(item))
                .fits());
            examples.add(factory.example(EventType.IMPRESSION, 0, user, item, at).copy());
        }
        final double[] scores = task.score("lcwd", examples).orElseThrow().scores();
        final List<Map.Entry<String, Double>> expected = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            expected.add(Map.entry(candidates.get(i), scores[i]));
        }
        expected.sort(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()));
        assertEquals(10, answer.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(expected.get(i).getKey(), answer.get(i).get("item").asText(), "rank " + i);
            assertEquals(expected.get(i).getValue(), answer.get(i).get("score").asDouble(), 0.0, "rank " + i);
        }
    }

    /** Publishes one impression and returns its scored event. */
    private ScoredEvent probe(final StreamrecCluster cluster, final String user, final String item, final long time) {
        try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(), cluster.config.topics(),
            cluster.serdes);
             OutputReader outputs = new OutputReader(cluster.config.clientProperties(), cluster.config.topics(),
                 cluster.serdes, 1000)) {
            publisher.impression(new ImpressionEvent("probe", user, item, Instant.ofEpochMilli(time), false,
                empty()));
            publisher.flush();
            final AtomicReference<ScoredEvent> probe = new AtomicReference<>();
            Await.until(() -> {
                outputs.poll(Duration.ofMillis(200), e -> {
                    if (e.getEventId().equals("probe")) {
                        probe.set(e);
                    }
                }, null);
                return probe.get() != null;
            }, () -> true, "the probe's scored event");
            return probe.get();
        }
    }

    private void publish(final StreamrecCluster cluster) {
        try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(), cluster.config.topics(),
            cluster.serdes)) {
            for (int u = 0; u < USERS; u++) {
                final UserProfile profile = new UserProfile("u" + u, new Attributes(
                    new HashMap<>(Map.of("occupation", List.of("job" + (u % 3)))), new HashMap<>(Map.of("age",
                    20.0 + u))), null, Instant.ofEpochMilli(T0 - 1));
                users.put(profile.getUserId(), profile);
                publisher.user(profile);
            }
            for (int i = 0; i < ITEMS; i++) {
                final ItemProfile profile = new ItemProfile("i" + i, new Attributes(
                    new HashMap<>(Map.of("genre", List.of("g" + (i % 4)))), new HashMap<>()), "Title " + i,
                    Instant.ofEpochMilli(T0 - 1));
                items.put(profile.getItemId(), profile);
                publisher.item(profile);
            }
            for (int n = 0; n < EVENTS; n++) {
                final String user = "u" + (n % USERS);
                final String item = "i" + ((n * 7 + n / USERS) % ITEMS);
                interacted.computeIfAbsent(user, k -> new TreeSet<>()).add(item);
                final Instant time = Instant.ofEpochMilli(T0 + n * 60_000L);
                if (n % 2 == 0) {
                    publisher.impression(new ImpressionEvent("e" + n, user, item, time, n % 3 == 0, empty()));
                } else {
                    publisher.rating(new RatingEvent("e" + n, user, item, time, (float) (1 + n % 5), empty()));
                }
            }
            publisher.flush();
        }
    }

    private static Attributes empty() {
        return new Attributes(new HashMap<>(), new HashMap<>());
    }

    private Instance start(final StreamrecCluster cluster, final String name) throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final HostInfo host = new HostInfo("127.0.0.1", port);
        final Properties props = cluster.config.streamsProperties();
        props.put("state.dir", dir.resolve(name).toString());
        props.put("application.server", host.host() + ":" + host.port());
        final HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromConfigs(
            cluster.config.originalsStrings());
        final StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(cluster.config, registry), props);
        final OpsEndpoint endpoint = OpsEndpoint.start(port, runner.streams(), OpsEndpoint.DEFAULT_REFRESH);
        endpoint.serve(QueryHandlers.PREFIX, LiveQueries.handlers(runner.streams(), runner.liveModels(),
            cluster.config, cluster.serdes.itemProfile().deserializer(), host));
        runner.start();
        return new Instance(runner, endpoint, host);
    }

    private static String ownedBy(final KafkaStreams streams, final HostInfo host) {
        for (int u = 0; u < USERS; u++) {
            final KeyQueryMetadata metadata = streams.queryMetadataForKey(ProfileStores.USERS, "u" + u,
                new StringSerializer());
            if (metadata.activeHost().equals(host)) {
                return "u" + u;
            }
        }
        throw new AssertionError("no user is owned by " + host);
    }

    private JsonNode get(final HostInfo host, final String path) throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host.host()
            + ":" + host.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    private JsonNode post(final HostInfo host, final String path, final String body) throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host.host()
            + ":" + host.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
