package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.Task;
import dev.streamrec.query.CandidateScorer;
import dev.streamrec.query.LiveTask;
import dev.streamrec.query.QueryParser;
import dev.streamrec.query.QuerySources;
import dev.streamrec.query.RecommendationQuery;
import dev.streamrec.query.Recommendations;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live queries never change the stream: the same input, with and without a thread that keeps asking the live
 * models for recommendations while the stream thread learns, gives bit-identical scored events and model state.
 */
class LiveQueryDeterminismTest {
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    private static final long T0 = 1_700_000_000_000L;
    private static final int USERS = 6;
    private static final int ITEMS = 12;
    private static final int EVENTS = 240;

    @TempDir
    Path dir;

    private record Run(List<byte[]> scored, Map<String, Map<String, String>> state, long queries) { }

    @Test
    @Timeout(120)
    void shouldGiveBitIdenticalOutputWithAndWithoutConcurrentQueries() throws Exception {
        final Run quiet = run(dir.resolve("quiet"), false);
        final Run queried = run(dir.resolve("queried"), true);
        assertEquals(0, quiet.queries());
        assertTrue(queried.queries() > 0, "the query thread answered while the stream ran");
        assertEquals(EVENTS, quiet.scored().size());
        assertEquals(quiet.scored().size(), queried.scored().size());
        for (int i = 0; i < quiet.scored().size(); i++) {
            assertArrayEquals(quiet.scored().get(i), queried.scored().get(i), "scored event " + i);
        }
        assertEquals(quiet.state(), queried.state(), "every model's persisted state");
    }

    private Run run(final Path stateDir, final boolean query) throws Exception {
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, new InMemorySchemaRegistry())) {
            for (int u = 0; u < USERS; u++) {
                f.user("u" + u, "job" + (u % 3), 20 + u);
            }
            for (int i = 0; i < ITEMS; i++) {
                f.item("i" + i, List.of("g" + (i % 3)));
            }
            f.impression("e-first", "u0", "i0", T0, true); // the task starts and registers its models
            final LiveTask task = f.live.tasks().get(0);
            final AtomicBoolean done = new AtomicBoolean();
            final AtomicLong answers = new AtomicLong();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final CountDownLatch firstAnswer = new CountDownLatch(1);
            final Thread queries = new Thread(() -> {
                final CandidateScorer scorer = new CandidateScorer(FeatureConfig.fromProperties(
                    f.config.modelProperties()));
                try {
                    for (int n = 0; !done.get(); n++) {
                        final String model = MODELS.get(n % MODELS.size());
                        final Recommendations r = scorer.recommend(task, new RecommendationQuery("u" + (n % USERS),
                            model, 5, List.of(), n % 2 == 0, Task.CLICK, null, QueryParser.emptyContext()),
                            sources());
                        assertFalse(r.items().isEmpty());
                        answers.incrementAndGet();
                        firstAnswer.countDown();
                    }
                } catch (final Throwable e) {
                    failure.set(e);
                    firstAnswer.countDown();
                }
            }, "live-query");
            if (query) {
                queries.start();
                assertTrue(firstAnswer.await(60, TimeUnit.SECONDS), "the first query was answered");
            }
            for (int n = 1; n < EVENTS; n++) {
                final String user = "u" + (n * 7 % USERS);
                final String item = "i" + (n * 5 % ITEMS);
                if (n % 2 == 0) {
                    f.impression("e" + n, user, item, T0 + n * 60_000L, n % 3 == 0);
                } else {
                    f.rating("e" + n, user, item, T0 + n * 60_000L, 1 + n % 5);
                }
            }
            done.set(true);
            if (query) {
                queries.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a query failed", failure.get());
            }
            final List<byte[]> scored = new ArrayList<>();
            for (final TestRecord<String, ScoredEvent> r : f.scored.readRecordsToList()) {
                scored.add(f.serdes.scoredEvent().serializer().serialize("scored", r.value()));
            }
            final Map<String, Map<String, String>> state = new TreeMap<>();
            for (final String model : MODELS) {
                state.put(model, f.modelState(model));
            }
            return new Run(scored, state, answers.get());
        }
    }

    /** The same profiles as the stream's, held by the test (the driver's stores are not for other threads). */
    private static QuerySources sources() {
        final SortedMap<String, ItemProfile> items = new TreeMap<>();
        for (int i = 0; i < ITEMS; i++) {
            items.put("i" + i, new ItemProfile("i" + i, TopologyFixture.attributes(Map.of("genre",
                List.of("g" + (i % 3))), Map.of()), "Title i" + i, Instant.EPOCH));
        }
        return new QuerySources() {
            @Override
            public UserProfile user(final String user) {
                final int u = Integer.parseInt(user.substring(1));
                return new UserProfile(user, TopologyFixture.attributes(Map.of("occupation", List.of("job" + (u % 3))),
                    Map.of("age", 20.0 + u)), null, Instant.EPOCH);
            }

            @Override
            public Set<String> interactedItems(final String user) {
                return Set.of("i0", "i1");
            }

            @Override
            public SortedMap<String, ItemProfile> items() {
                return items;
            }
        };
    }
}
