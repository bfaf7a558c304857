package dev.streamrec.query;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.topology.StreamrecConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Two "instances" of the live-query API in one JVM, each an HTTP server with its own live task (A owns partition
 * 0, B partition 1) of trained LR and LC-W&amp;D models; users named {@code u-a...} belong to A, {@code u-r...} to a
 * partition 2 that A owns but has not loaded (restoring), the others to B. No Kafka: ownership is fixed here.
 */
final class LiveInstances implements AutoCloseable {
    static final long AT = 1_700_000_000_000L;
    /** More than two of the scorer's chunks, so a top-K query featurizes and scores a part-filled last chunk. */
    static final int ITEMS = 2 * CandidateScorer.CHUNK + 37;

    final ObjectMapper json = new ObjectMapper();
    final FeatureConfig features;
    final List<OnlineModel> modelsA;
    final List<OnlineModel> modelsB;
    final HttpServer a;
    final HttpServer b;
    final HostInfo hostA;
    final HostInfo hostB;
    final SortedMap<String, ItemProfile> items = new TreeMap<>();
    final Map<String, UserProfile> users = new HashMap<>();
    final Map<String, Set<String>> seen = new HashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    LiveInstances() throws IOException {
        final StreamrecConfig config = new StreamrecConfig(Map.of(StreamrecConfig.REGISTRY_URL, "unused",
            StreamrecConfig.MODELS, "lr,lcwd", "lcwd.batch.size", "4"));
        features = FeatureConfig.fromProperties(config.modelProperties());
        final ModelFactory factory = new ModelFactory(config.models(), config.modelProperties(), features,
            config.validation());
        for (int i = 0; i < ITEMS; i++) {
            items.put("i" + i, new ItemProfile("i" + i, attributes("genre", "g" + (i % 4)), "Title " + i,
                Instant.EPOCH));
        }
        users.put("u-a1", new UserProfile("u-a1", attributes("occupation", "writer"), null, Instant.EPOCH));
        users.put("u-b1", new UserProfile("u-b1", attributes("occupation", "doctor"), null, Instant.EPOCH));
        seen.put("u-a1", Set.of("i3"));
        seen.put("u-b1", Set.of("i1", "i2"));
        modelsA = trained(factory.get(), "u-a1", 0);
        modelsB = trained(factory.get(), "u-b1", 1);
        a = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        b = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostA = new HostInfo("127.0.0.1", a.getAddress().getPort());
        hostB = new HostInfo("127.0.0.1", b.getAddress().getPort());
        mount(a, hostA, modelsA, 0);
        mount(b, hostB, modelsB, 1);
    }

    static Attributes attributes(final String group, final String value) {
        return new Attributes(new HashMap<>(Map.of(group, List.of(value))), new HashMap<>());
    }

    private List<OnlineModel> trained(final List<OnlineModel> models, final String user, final int shift) {
        final ExampleFactory examples = new ExampleFactory(features);
        for (int n = 0; n < 60; n++) {
            final String item = "i" + ((n * 3 + shift) % ITEMS);
            examples.featurize(user, item, AT - n * 60_000L, QueryParser.emptyContext(), users.get(user),
                items.get(item));
            final Example example = examples.example(EventType.IMPRESSION, (n + shift) % 3 == 0 ? 1 : 0, user, item,
                AT - n * 60_000L);
            models.forEach(m -> m.learn(example));
        }
        return models;
    }

    private void mount(final HttpServer server, final HostInfo self, final List<OnlineModel> models,
                       final int partition) {
        final LiveModels live = new LiveModels();
        live.register("1_" + partition, partition).publish(models);
        live.register("1_2", 2); // owned but not loaded: restoring
        final Forwarder forwarder = new Forwarder(self, Duration.ofSeconds(30));
        final Owners owners = new Owners() {
            @Override
            public HostInfo self() {
                return self;
            }

            @Override
            public QueryRouter.Owner locate(final String user) {
                final int p = user.startsWith("u-a") ? 0 : user.startsWith("u-r") ? 2 : 1;
                final HostInfo active = p == 1 ? hostB : hostA;
                return new QueryRouter.Owner(p, active, List.of(), active.equals(self));
            }

            @Override
            public QueryRouter.Forwarded forward(final HostInfo host, final String method, final String path,
                                                 final byte[] body) {
                return forwarder.forward(host, method, path, body);
            }
        };
        server.createContext(QueryHandlers.PREFIX, new QueryHandlers(live, new CandidateScorer(features), owners,
            p -> sources(), json));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    QuerySources sources() {
        return new QuerySources() {
            @Override
            public UserProfile user(final String user) {
                if (user.contains("boom")) {
                    throw new IllegalStateException("a store broke");
                }
                return users.get(user);
            }

            @Override
            public Set<String> interactedItems(final String user) {
                return seen.getOrDefault(user, Set.of());
            }

            @Override
            public SortedMap<String, ItemProfile> items() {
                return items;
            }
        };
    }

    /** The model's own prediction of a (user, item) click at {@link #AT}, as the stream would featurize it. */
    double predict(final OnlineModel model, final String user, final String item) {
        final ExampleFactory examples = new ExampleFactory(features);
        examples.featurize(user, item, AT, QueryParser.emptyContext(), users.get(user), items.get(item));
        return model.predict(examples.example(EventType.IMPRESSION, 0, user, item, AT));
    }

    HttpResponse<String> get(final HostInfo host, final String pathAndQuery, final String... headers)
        throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(host, pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(final HostInfo host, final String path, final String body)
        throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(host, path)).POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final HostInfo host, final String pathAndQuery) {
        return URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    }

    @Override
    public void close() {
        a.stop(0);
        b.stop(0);
        ((java.util.concurrent.ExecutorService) a.getExecutor()).shutdownNow();
        ((java.util.concurrent.ExecutorService) b.getExecutor()).shutdownNow();
    }
}
