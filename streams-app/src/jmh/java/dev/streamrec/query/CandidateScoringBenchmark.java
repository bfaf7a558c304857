package dev.streamrec.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.streamrec.bench.BenchEvent;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.Task;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server-side work of one live top-10 query over every ML-100k item ({@link CandidateScorer#recommend}:
 * featurize the 1,682 candidates, score them under the model's lock, rank), without HTTP or Kafka, on models
 * trained on the first {@code trainEvents} events of the stream. The queried users rotate over the trained ones.
 * The MovieLens directory is the system property {@code streamrec.movielens} (default {@code ../shared/data/ml-100k}).
 *
 * <pre>ops/bench/jmh.sh -f 1 -wi 3 -i 5 -w 2 -r 2 CandidateScoringBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CandidateScoringBenchmark {
    @Param({"lr", "lcwd", "deepmix"})
    public String model;

    @Param("30000")
    public int trainEvents;

    private final CandidateScorer scorer = new CandidateScorer(FeatureConfig.defaults());
    private LiveTask task;
    private QuerySources sources;
    private String[] users;
    private int next;

    @Setup
    public void setUp() throws Exception {
        final Path dir = Path.of(System.getProperty("streamrec.movielens", "../shared/data/ml-100k"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no MovieLens directory at " + dir.toAbsolutePath()
                + " (set -Dstreamrec.movielens)");
        }
        final RecordedStream stream = RecordedStream.record(MovieLensDataset.open(dir, line -> { }), trainEvents);
        final List<OnlineModel> models = ModelFactory.fromProperties(List.of(model), Map.of(),
            ValidationConfig.defaults()).get();
        final ExampleFactory examples = new ExampleFactory(FeatureConfig.defaults());
        final Map<String, UserProfile> profiles = new HashMap<>();
        final Map<String, Set<String>> seen = new HashMap<>();
        final SortedMap<String, ItemProfile> items = new TreeMap<>();
        for (final BenchEvent e : stream.events()) {
            if (examples.featurize(e.userId(), e.itemId(), e.eventTime(), e.context(), e.user(), e.item()).fits()) {
                final Example example = examples.example(e.type(), e.label(), e.userId(), e.itemId(), e.eventTime());
                models.forEach(m -> m.predict(example));
                models.forEach(m -> m.learn(example));
            }
            if (e.user() != null) {
                profiles.put(e.userId(), e.user());
            }
            seen.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
        }
        for (final ItemProfile item : MovieLensDataset.open(dir, line -> { }).items()) {
            items.put(item.getItemId().toString(), item);
        }
        task = new LiveModels().register("0_0", 0);
        task.publish(models);
        task.unlockAfterRecord(stream.events().get(stream.size() - 1).eventTime());
        users = seen.keySet().stream().sorted().toArray(String[]::new);
        sources = new QuerySources() {
            @Override
            public UserProfile user(final String user) {
                return profiles.get(user);
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

    @Benchmark
    public Recommendations recommend() {
        next = (next + 1) % users.length;
        return scorer.recommend(task, new RecommendationQuery(users[next], model, 10, List.of(), true, Task.CLICK,
            null, new Attributes(new HashMap<>(), new HashMap<>())), sources);
    }
}
