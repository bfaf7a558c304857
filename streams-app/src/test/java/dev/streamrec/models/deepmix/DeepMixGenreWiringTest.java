package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.metrics.MultiLabelF1;
import dev.streamrec.models.ItemClassifier.ItemPrediction;
import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.params.CheckpointReplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The genre head driven by the event stream: which events teach it, what it sees, and that restarts are exact. */
class DeepMixGenreWiringTest {
    /** The genre group of the wired stream and the hashed indices of its three labels a, b, c. */
    private static final int GENRE_GROUP = 3;
    private static final int[] LABEL_INDEX = {9500, 9501, 9502};
    private static final DeepMixConfig CONFIG = SyntheticStream.smallConfig()
        .with("deepmix.categorical.groups", "4", "deepmix.genre.group", Integer.toString(GENRE_GROUP),
            "deepmix.genre.label.indices", "9500,9501,9502", "deepmix.genre.every", "3");

    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    /** The synthetic events, each with its item's labels as features of the genre group (as the featurizer adds). */
    static List<Example> wired(final List<Example> events) {
        final List<Example> out = new ArrayList<>();
        for (final Example e : events) {
            final SparseFeatures cat = e.categorical().copy();
            final SparseFeatures withGenres = new SparseFeatures(cat.size() + 3);
            for (int i = 0; i < cat.size(); i++) {
                withGenres.add(cat.index(i), cat.value(i), cat.group(i));
            }
            for (final int label : SyntheticStream.item(Integer.parseInt(e.itemId().substring(1))).labels()) {
                withGenres.add(LABEL_INDEX[label], 1f, GENRE_GROUP);
            }
            out.add(new Example(e.task(), e.label(), e.userId(), e.itemId(), e.eventTime(), withGenres,
                e.numeric()));
        }
        return out;
    }

    @Test
    void shouldLearnAnItemAtEveryKthEventAndKnowItsLabelsFromTheFirstOfThem() {
        final DeepMixModel model = new DeepMixModel(CONFIG);
        final List<Example> events = wired(new SyntheticStream(3).next(2000, 0.5));
        final Example first = events.get(0);
        final List<Integer> learnedAt = new ArrayList<>();
        int seen = 0;
        for (final Example e : events) {
            if (e.itemId().equals(first.itemId())) {
                seen++;
                if (model.learnsItem(e)) {
                    learnedAt.add(seen);
                }
                assertEquals(seen > 3, model.knowsItemLabels(e), "event " + seen + " of the item");
            }
            model.learn(e);
        }
        assertTrue(seen > 12, "the item occurs often enough: " + seen);
        final List<Integer> expected = new ArrayList<>();
        for (int n = 1; n <= seen; n++) {
            if (n % 3 == 0) {
                expected.add(n);
            }
        }
        assertEquals(expected, learnedAt);
    }

    @Test
    void shouldTakeTheTrueLabelsFromTheGenreFeaturesAndTheInputsFromTheItemGroups() {
        final DeepMixModel model = new DeepMixModel(CONFIG);
        final Example e = wired(new SyntheticStream(4).next(1, 1.0)).get(0);
        final ItemExample item = model.itemExample(e);
        final int i = Integer.parseInt(e.itemId().substring(1));
        assertArrayEquals(SyntheticStream.item(i).labels(), item.labels());
        for (int f = 0; f < item.attributes().size(); f++) {
            assertTrue(CONFIG.itemGroups().contains(item.attributes().group(f)), "only item groups are inputs");
        }
        assertEquals(3, item.attributes().size(), "item id and two tags");
        final ItemPrediction prediction = model.predictItem(e);
        assertEquals(3, prediction.probabilities().length);
        assertArrayEquals(item.labels(), prediction.labels());
    }

    @Test
    void shouldLeaveTheHeadAloneWithoutGenreFeaturesOrWithoutAGenreGroup() {
        final Example plain = new SyntheticStream(5).next(1, 1.0).get(0);
        final DeepMixModel wiredModel = new DeepMixModel(CONFIG);
        assertFalse(wiredModel.learnsItem(plain));
        assertNull(wiredModel.predictItem(plain));
        final DeepMixModel unwired = new DeepMixModel(SyntheticStream.smallConfig());
        final Example withGenres = wired(List.of(plain)).get(0);
        assertFalse(unwired.learnsItem(withGenres));
        assertNull(unwired.predictItem(withGenres));
    }

    @Test
    void shouldRejectGenreLabelsAmongTheItemInputs() {
        assertThrows(IllegalArgumentException.class, () -> CONFIG.with("deepmix.item.groups", "1,2,3"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.with("deepmix.genre.label.indices", "1,2"));
    }

    @Test
    void shouldLearnGenresFromTheStreamPrequentially() {
        final DeepMixModel model = new DeepMixModel(CONFIG);
        final List<Example> events = wired(new SyntheticStream(6).next(6000, 0.5));
        final MultiLabelF1 early = new MultiLabelF1(3);
        final MultiLabelF1 late = new MultiLabelF1(3);
        for (int t = 0; t < events.size(); t++) {
            final Example e = events.get(t);
            if (model.learnsItem(e)) { // every 3rd event of an item: mostly items learned before (of 40)
                final ItemPrediction p = model.predictItem(e);
                (t < events.size() / 4 ? early : late).record(p.probabilities(), p.labels());
            }
            model.learn(e);
        }
        System.out.printf("deepmix wired genres: micro-F1 %.3f -> %.3f, macro-F1 %.3f -> %.3f (items %d, %d)%n",
            early.microF1(), late.microF1(), early.macroF1(), late.macroF1(), early.items(), late.items());
        assertTrue(late.microF1() > early.microF1() + 0.1, "micro-F1 improves: " + early.microF1() + " -> "
            + late.microF1());
        assertTrue(late.microF1() > 0.7, "micro-F1 " + late.microF1());
    }

    @Test
    void shouldContinueBitIdenticallyAfterARestartWithTheGenreHeadWired() {
        final List<Example> events = wired(new SyntheticStream(7).next(700, 0.5));
        final double[] uninterrupted = run(new DeepMixModel(CONFIG), events, 0, events.size(), null);
        final MapSink store = new MapSink();
        final DeepMixModel first = new DeepMixModel(CONFIG);
        final int stop = 11 * CONFIG.itemBatchSize() + 3 * CONFIG.batchSize() + 5;
        final double[] head = run(first, events, 0, stop, store);
        final DeepMixModel second = new DeepMixModel(CONFIG);
        store.restoreInto(second, 11);
        final double[] tail = run(second, events, stop, events.size(), store);
        for (int t = 0; t < events.size(); t++) {
            final double restarted = t < stop ? head[t] : tail[t];
            assertEquals(Double.doubleToRawLongBits(uninterrupted[t]), Double.doubleToRawLongBits(restarted),
                "event " + t);
        }
    }

    @Test
    void shouldReplayTheAudiencePartBitIdenticallyAfterCheckpointsAndPersistIt() {
        final DeepMixConfig config = CONFIG.with("deepmix.genre.audience", "4", "deepmix.genre.audience.every.event",
            "true", "deepmix.genre.audience.learning.rate", "0.5");
        final List<Example> events = wired(new SyntheticStream(8).next(700, 0.5));
        CheckpointReplay.assertBitIdentical(() -> new DeepMixModel(config), events, 90, 13);
        final MapSink with = new MapSink();
        final MapSink without = new MapSink();
        final DeepMixModel model = new DeepMixModel(config);
        final DeepMixModel plain = new DeepMixModel(config.with("deepmix.genre.audience", "0"));
        run(model, events, 0, events.size(), with);
        run(plain, events, 0, events.size(), without);
        assertTrue(model.audience().size() > 0, "the audience part stored rows");
        assertTrue(with.entries.size() > without.entries.size(), "the audience part is persisted");
        final Example last = events.get(events.size() - 1);
        assertFalse(java.util.Arrays.equals(model.predictItem(last).probabilities(),
            plain.predictItem(last).probabilities()), "the audience part moves the genre scores");
    }

    /** Predicts (event score plus the item's first label probability when it is learned) and learns each event. */
    private static double[] run(final DeepMixModel model, final List<Example> events, final int from, final int to,
                                final MapSink sink) {
        final double[] out = new double[events.size()];
        for (int t = from; t < to; t++) {
            final Example e = events.get(t);
            out[t] = model.predict(e);
            if (model.learnsItem(e)) {
                out[t] += 10 * model.predictItem(e).probabilities()[0];
            }
            model.learn(e);
            if (sink != null) {
                model.drainChanges(sink);
            }
        }
        return out;
    }
}
