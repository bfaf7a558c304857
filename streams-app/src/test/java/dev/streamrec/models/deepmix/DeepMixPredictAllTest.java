package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.models.Nd4jThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeepMixPredictAllTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    @ParameterizedTest(name = "{0} DNN, {1} wiring")
    @CsvSource({"plain,stacked", "residual,stacked", "plain,parallel", "residual,parallel"})
    void shouldScoreManyExamplesBitForBitAsOneByOne(final String kind, final String wiring) {
        final DeepMixModel model = new DeepMixModel(SyntheticStream.smallConfig().with("deepmix.dnn.kind", kind,
            "deepmix.wiring", wiring));
        for (final Example e : new SyntheticStream(5).next(700, 0.5)) {
            model.learn(e);
        }
        // more than two chunks and a partial one, both tasks, repeated users and items
        final List<Example> candidates = new SyntheticStream(6).next(2 * TrunkScorer.CHUNK + 7, 0.5);
        final double[] all = new double[candidates.size()];
        model.predictAll(candidates, all);
        for (int i = 0; i < candidates.size(); i++) {
            final double one = model.predict(candidates.get(i));
            assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(all[i]),
                "example " + i + ": predict " + one + ", predictAll " + all[i]);
        }
        final double[] again = new double[candidates.size()];
        model.predictAll(candidates, again);
        org.junit.jupiter.api.Assertions.assertArrayEquals(all, again);
    }

    @Test
    void shouldScoreTheSameExampleAnewOnceTheTrunkHasChanged() {
        final DeepMixModel model = new DeepMixModel(SyntheticStream.smallConfig());
        final Example e = new SyntheticStream(7).next(1, 0.0).get(0);
        final double before = model.predict(e);
        final DenseParams p = model.trunk().params();
        for (int i = 0; i < p.size(); i++) {
            p.master()[i] *= 1.5f;
        }
        p.syncFromMaster();
        final double after = model.predict(e);
        assertNotEquals(before, after);
        final DeepMixModel fresh = new DeepMixModel(SyntheticStream.smallConfig());
        for (int i = 0; i < p.size(); i++) {
            fresh.trunk().params().master()[i] = p.master()[i];
        }
        fresh.trunk().params().syncFromMaster();
        assertEquals(Double.doubleToRawLongBits(fresh.predict(e)), Double.doubleToRawLongBits(after));
    }
}
