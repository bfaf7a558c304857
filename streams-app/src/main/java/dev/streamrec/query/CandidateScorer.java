package dev.streamrec.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;

import dev.streamrec.features.CandidateFeaturizer;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.features.ItemFeatureCache;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/**
 * Scores candidates with a task's live models, read only. A top-K query featurizes its candidates with a
 * {@link CandidateFeaturizer} (the user's side once, each item's side once per item profile in the shared
 * {@link ItemFeatureCache}, the crosses per candidate: the same examples, bit for bit, as the stream's featurizer
 * gives), outside the task's lock, then has the model predict them under the lock in holds of at most
 * {@link #HOLD_NANOS} ({@link LiveTask#scoreWithin}). No model learns, no store is written: a query cannot change
 * the stream's output.
 */
public final class CandidateScorer {
    /**
     * How long a query holds a task's lock at most (plus one block of {@link LiveTask#BLOCK}) before the stream
     * thread gets it back: bounds how long a query delays the stream, while a cheap model ranks 1,682 candidates in
     * one hold.
     */
    public static final long HOLD_NANOS = 5_000_000L;

    /**
     * Candidates featurized and scored {@value #CHUNK} at a time into one handler thread's reused buffers: a query
     * allocates no feature buffers per candidate, and a chunk's features are still in the CPU's caches when the model
     * reads them (featurizing all 1,682 first and then scoring them read each example back from memory).
     */
    static final int CHUNK = 4 * LiveTask.BLOCK;

    private final ThreadLocal<Chunk> chunks;

    private final FeatureConfig features;
    private final ItemFeatureCache itemParts;

    public CandidateScorer(final FeatureConfig features) {
        this.features = features;
        this.itemParts = new ItemFeatureCache(features);
        this.chunks = ThreadLocal.withInitial(() -> new Chunk(features.maxFeatures()));
    }

    /** The top {@code k} of the query's candidates by the model's score. */
    public Recommendations recommend(final LiveTask task, final RecommendationQuery query,
                                     final QuerySources sources) {
        final String model = modelOf(task, query.model());
        final UserProfile user = sources.user(query.user());
        final Set<String> seen = sources.interactedItems(query.user());
        final SortedMap<String, ItemProfile> items = sources.items();
        if (itemParts.size() > 2 * items.size() + 1024) {
            itemParts.retain(items.keySet());
        }
        final boolean everyItem = query.candidates().isEmpty();
        final List<String> ids = everyItem ? new ArrayList<>(items.keySet())
            : new ArrayList<>(new LinkedHashSet<>(query.candidates()));
        final List<ItemProfile> profiles = everyItem ? new ArrayList<>(items.values()) : null;
        final long time = timeOf(task, query.at());
        final CandidateFeaturizer featurizer = new CandidateFeaturizer(features, itemParts, query.user(), time,
            query.context(), user);
        final Chunk chunk = chunks.get();
        chunk.examples.clear();
        final List<String> scoredIds = new ArrayList<>(ids.size());
        final double[] scores = new double[ids.size()];
        final long[] versions = {-1, -1};
        final List<String> unknown = new ArrayList<>();
        int excluded = 0;
        int skipped = 0;
        for (int i = 0; i < ids.size(); i++) {
            final String id = ids.get(i);
            if (query.excludeSeen() && seen.contains(id)) {
                excluded++;
                continue;
            }
            final ItemProfile item = everyItem ? profiles.get(i) : items.get(id);
            if (item == null) {
                unknown.add(id);
            }
            final int slot = chunk.examples.size();
            if (!featurizer.featurize(id, item, chunk.categorical[slot], chunk.numeric[slot]).fits()) {
                skipped++;
                continue;
            }
            chunk.examples.add(new Example(query.task(), 0.0, query.user(), id, time, chunk.categorical[slot],
                chunk.numeric[slot]));
            scoredIds.add(id);
            if (chunk.examples.size() == CHUNK) {
                chunk.score(task, model, scores, scoredIds.size() - CHUNK, versions);
            }
        }
        chunk.score(task, model, scores, scoredIds.size() - chunk.examples.size(), versions);
        return new Recommendations(query.user(), model, taskName(query.task()), versions[0], versions[1],
            task.taskId(), task.partition(), user == null && seen.isEmpty(), ids.size(), excluded, skipped,
            top(query.k(), scoredIds, scores), List.copyOf(unknown));
    }

    /** One thread's feature buffers for {@link #CHUNK} candidates, and the examples featurized into them so far. */
    private static final class Chunk {
        final SparseFeatures[] categorical = new SparseFeatures[CHUNK];
        final SparseFeatures[] numeric = new SparseFeatures[CHUNK];
        final List<Example> examples = new ArrayList<>(CHUNK);
        final double[] scores = new double[CHUNK];

        Chunk(final int maxFeatures) {
            for (int i = 0; i < CHUNK; i++) {
                categorical[i] = new SparseFeatures(maxFeatures);
                numeric[i] = new SparseFeatures(maxFeatures);
            }
        }

        /**
         * Scores the chunk's examples (candidates {@code offset..}) into {@code all} and empties the chunk; records
         * the model versions of the query's first and last hold in {@code versions}.
         */
        void score(final LiveTask task, final String model, final double[] all, final int offset,
                   final long[] versions) {
            try {
                if (!examples.isEmpty()) {
                    final long[] held = scoreAll(task, model, examples, scores);
                    System.arraycopy(scores, 0, all, offset, examples.size());
                    versions[0] = versions[0] < 0 ? held[0] : versions[0];
                    versions[1] = held[1];
                }
            } finally {
                examples.clear();
            }
        }
    }

    /** Best first: highest score, ties by item id. A total order (ids are distinct), so the top k are unique. */
    static final Comparator<Recommendations.ItemScore> RANKING =
        Comparator.comparingDouble(Recommendations.ItemScore::score).reversed()
            .thenComparing(Recommendations.ItemScore::item);

    /**
     * The {@code k} best of the scored items in {@link #RANKING} order, by a bounded heap (n log k, not a sort of
     * every candidate): the same items in the same order as sorting them all and taking the first k.
     */
    static List<Recommendations.ItemScore> top(final int k, final List<String> ids, final double[] scores) {
        final PriorityQueue<Recommendations.ItemScore> best = new PriorityQueue<>(Math.max(1, k), RANKING.reversed());
        for (int i = 0; i < ids.size() && k > 0; i++) {
            final Recommendations.ItemScore candidate = new Recommendations.ItemScore(ids.get(i), scores[i]);
            if (best.size() < k) {
                best.add(candidate);
            } else if (RANKING.compare(candidate, best.peek()) < 0) {
                best.poll();
                best.add(candidate);
            }
        }
        final List<Recommendations.ItemScore> ranked = new ArrayList<>(best);
        ranked.sort(RANKING);
        return List.copyOf(ranked);
    }

    /** Every pair's scores by the query's model (or every live model), in the order of the pairs. */
    public List<PairScores> score(final LiveTask task, final ScoreQuery query, final QuerySources sources) {
        final List<String> models = query.model() == null ? task.modelNames() : List.of(modelOf(task, query.model()));
        final Map<String, UserProfile> users = new HashMap<>();
        final Map<String, Boolean> cold = new HashMap<>();
        final SortedMap<String, ItemProfile> items = sources.items();
        final ExampleFactory factory = new ExampleFactory(features);
        final List<Example> examples = new ArrayList<>(query.pairs().size());
        for (final ScoreQuery.Pair pair : query.pairs()) {
            final UserProfile user = users.computeIfAbsent(pair.user(), sources::user);
            cold.computeIfAbsent(pair.user(), u -> user == null && sources.interactedItems(u).isEmpty());
            final Example example = example(factory, pair.user(), pair.item(), pair.task(), timeOf(task, pair.at()),
                pair.context(), user, items.get(pair.item()));
            if (example == null) {
                throw QueryException.badRequest("the features of user " + pair.user() + " and item " + pair.item()
                    + " do not fit (at most " + features.maxFeatures() + "): shorten the context");
            }
            examples.add(example);
        }
        final List<List<PairScores.ModelScore>> byPair = new ArrayList<>();
        examples.forEach(e -> byPair.add(new ArrayList<>()));
        final double[] scores = new double[examples.size()];
        for (final String model : models) {
            int from = 0;
            while (from < examples.size()) {
                final LiveTask.Hold hold = task.scoreWithin(model, examples, from, scores, HOLD_NANOS)
                    .orElseThrow(() -> gone(task, model));
                for (int i = hold.from(); i < hold.to(); i++) {
                    byPair.get(i).add(new PairScores.ModelScore(model, hold.version(), scores[i]));
                }
                from = hold.to();
            }
        }
        final List<PairScores> answers = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            final ScoreQuery.Pair pair = query.pairs().get(i);
            answers.add(new PairScores(pair.user(), pair.item(), taskName(pair.task()), List.copyOf(byPair.get(i)),
                task.taskId(), task.partition(), cold.get(pair.user()), items.containsKey(pair.item())));
        }
        return answers;
    }

    /**
     * Scores every example in holds of the lock of at most {@link #HOLD_NANOS}; returns the model versions of the
     * first and the last hold ({@code -1} when there is nothing to score).
     */
    private static long[] scoreAll(final LiveTask task, final String model, final List<Example> examples,
                                   final double[] out) {
        final long[] versions = {-1, -1};
        int from = 0;
        while (from < examples.size()) {
            final LiveTask.Hold hold = task.scoreWithin(model, examples, from, out, HOLD_NANOS)
                .orElseThrow(() -> gone(task, model));
            if (versions[0] < 0) {
                versions[0] = hold.version();
            }
            versions[1] = hold.version();
            from = hold.to();
        }
        return versions;
    }

    /** The featurized pair (a copy owning its buffers), or null if its features do not fit. */
    private static Example example(final ExampleFactory factory, final String user, final String item,
                                   final Task task, final long time, final Attributes context,
                                   final UserProfile profile, final ItemProfile itemProfile) {
        final FeaturizationResult result = factory.featurize(user, item, time, context, profile, itemProfile);
        if (!result.fits()) {
            return null;
        }
        final EventType type = task == Task.CLICK ? EventType.IMPRESSION : EventType.RATING;
        return factory.example(type, 0.0, user, item, time).copy();
    }

    private static String modelOf(final LiveTask task, final String requested) {
        final List<String> live = task.modelNames();
        if (requested == null) {
            if (live.isEmpty()) {
                throw gone(task, "any model");
            }
            return live.get(0);
        }
        if (!live.contains(requested)) {
            throw new QueryException(400, "unknown_model", "no model " + requested + "; live models: " + live);
        }
        return requested;
    }

    private static long timeOf(final LiveTask task, final Long at) {
        if (at != null) {
            return at;
        }
        return task.streamTime() == Long.MIN_VALUE ? System.currentTimeMillis() : task.streamTime();
    }

    static String taskName(final Task task) {
        return task == Task.CLICK ? "click" : "rating";
    }

    private static QueryException gone(final LiveTask task, final String model) {
        return new QueryException(503, "task_unavailable", "task " + task.taskId() + " closed while " + model
            + " was scoring; retry");
    }
}
