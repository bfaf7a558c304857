package dev.streamrec.models.deepmix;

import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.features.Example;
import dev.streamrec.metrics.MultiLabelF1;
import dev.streamrec.features.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepMixLearningTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    @ParameterizedTest(name = "{0} DNN, {1} wiring")
    @CsvSource({"plain,stacked", "residual,stacked", "plain,parallel"})
    void shouldLearnClicksAndRatingsFromAnInteractionSignal(final String kind, final String wiring) {
        final DeepMixModel model = new DeepMixModel(SyntheticStream.smallConfig().with("deepmix.dnn.kind", kind,
            "deepmix.wiring", wiring));
        final List<Example> events = new SyntheticStream(41).next(24_000, 0.5);
        final List<double[]> clicks = new ArrayList<>();
        double absError = 0;
        double baselineError = 0;
        double ratingSum = 0;
        int ratings = 0;
        int scored = 0;
        for (int t = 0; t < events.size(); t++) {
            final Example e = events.get(t);
            final double p = model.predict(e);
            if (t >= events.size() / 2) {
                if (e.task() == Task.CLICK) {
                    clicks.add(new double[] {p, e.label()});
                } else {
                    absError += Math.abs(p - e.label());
                    baselineError += Math.abs(ratingSum / Math.max(ratings, 1) - e.label());
                    scored++;
                }
            }
            if (e.task() == Task.RATING) {
                ratingSum += e.label();
                ratings++;
            }
            model.learn(e);
        }
        final double auc = auc(clicks);
        final double mae = absError / scored;
        final double baseline = baselineError / scored;
        System.out.printf("deepmix synthetic (%s DNN, %s): click AUC %.3f, rating MAE %.3f vs mean predictor %.3f%n",
            kind, wiring, auc, mae, baseline);
        assertTrue(auc > 0.65, "click AUC " + auc);
        assertTrue(mae < 0.9 * baseline, "rating MAE " + mae + " vs mean predictor " + baseline);
    }

    @Test
    void shouldLearnGenresAndReportPrequentialF1() {
        final DeepMixModel model = new DeepMixModel(SyntheticStream.smallConfig());
        MultiLabelF1 last = null;
        for (int epoch = 0; epoch < 30; epoch++) {
            final MultiLabelF1 f1 = new MultiLabelF1(3, 0.5);
            for (int i = 0; i < SyntheticStream.ITEMS; i++) {
                final ItemExample item = SyntheticStream.item((i * 17 + epoch) % SyntheticStream.ITEMS);
                f1.record(model.predictGenres(item), item.labels());
                model.learnItem(item);
            }
            last = f1;
        }
        System.out.printf("deepmix synthetic genres: micro-F1 %.3f, macro-F1 %.3f%n", last.microF1(),
            last.macroF1());
        assertEquals(SyntheticStream.ITEMS, last.items());
        assertTrue(last.microF1() > 0.8, "micro-F1 " + last.microF1());
        assertTrue(last.macroF1() > 0.7, "macro-F1 " + last.macroF1());
    }

    @Test
    void shouldReplayAStreamBitIdentically() {
        final List<Example> events = new SyntheticStream(42).next(300, 0.5);
        final double[] first = new double[events.size()];
        final double[] second = new double[events.size()];
        final MapSink firstStore = new MapSink();
        final MapSink secondStore = new MapSink();
        DeepMixPersistenceTest.learn(new DeepMixModel(SyntheticStream.smallConfig()), events, 0, events.size(),
            firstStore, first);
        DeepMixPersistenceTest.learn(new DeepMixModel(SyntheticStream.smallConfig()), events, 0, events.size(),
            secondStore, second);
        assertArrayEquals(first, second);
        assertEquals(firstStore.entries.keySet(), secondStore.entries.keySet());
        firstStore.entries.forEach((k, v) -> assertArrayEquals(v, secondStore.entries.get(k), k));
    }

    static double auc(final List<double[]> scored) {
        final List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort((x, y) -> Double.compare(x[0], y[0]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
                j++;
            }
            final double rank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k)[1] > 0.5) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        final long negatives = sorted.size() - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
