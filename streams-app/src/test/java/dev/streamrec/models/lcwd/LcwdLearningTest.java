package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.models.Nd4jThreads;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.optim.FtrlProximal;
import dev.streamrec.features.Task;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a stream whose click logit has a strong user x item interaction, LC-W&amp;D's prequential AUC beats the
 * wide-only (FTRL logistic regression) baseline that also warm-starts its M1.
 */
class LcwdLearningTest {
    private static final int EVENTS = 30_000;
    private static final int SCORED_FROM = 10_000;

    @BeforeAll
    static void singleThreadedNd4j() {
        Nd4jThreads.limit(1);
    }

    @Test
    void shouldBeatTheLinearBaselineOnAnInteractionSignal() {
        final LcwdConfig config = new LcwdConfig(16, 4, List.of(32, 16), Activation.RELU, "adam", 0.01f, 0.1, 1.0,
            0.0, 1.0, 32, 42L, 1.0, 3.5, 1.0, 5.0);
        final FtrlProximal linear = new FtrlProximal(config.ftrlAlpha(), config.ftrlBeta(), config.ftrlL1(),
            config.ftrlL2(), config.hashBits());
        final LcwdModel model = new LcwdModel(config, (task, index) -> linear.weight(index));
        final SyntheticStream source = new SyntheticStream(7L, 50, 50, 4, 16, 0.0);
        final int scored = EVENTS - SCORED_FROM;
        final double[] linearScores = new double[scored];
        final double[] lcwdScores = new double[scored];
        final double[] labels = new double[scored];
        for (int k = 0; k < EVENTS; k++) {
            final Example e = source.next();
            final double linearLogit = linear.dot(e.categorical());
            final double lcwd = model.predict(e);
            if (k >= SCORED_FROM) {
                linearScores[k - SCORED_FROM] = linearLogit;
                lcwdScores[k - SCORED_FROM] = lcwd;
                labels[k - SCORED_FROM] = e.label();
            }
            linear.update(e.categorical(), Head.LOGISTIC.gradient(linearLogit, e.label()));
            model.learn(e);
        }
        final double linearAuc = auc(linearScores, labels);
        final double lcwdAuc = auc(lcwdScores, labels);
        System.out.printf("prequential AUC over events %d..%d: linear %.4f, LC-W&D %.4f%n", SCORED_FROM, EVENTS,
            linearAuc, lcwdAuc);
        assertTrue(lcwdAuc > linearAuc + 0.03, "LC-W&D AUC " + lcwdAuc + " vs linear " + linearAuc);
        assertTrue(model.tower(Task.CLICK).batchSteps() > 0);
    }

    /** Rank-sum AUC with ties averaged. */
    static double auc(final double[] scores, final double[] labels) {
        final Integer[] order = new Integer[scores.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (l, r) -> Double.compare(scores[l], scores[r]));
        double rankSum = 0.0;
        long positives = 0;
        int k = 0;
        while (k < order.length) {
            int end = k;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[k]]) {
                end++;
            }
            final double rank = (k + end) / 2.0 + 1.0;
            for (int t = k; t <= end; t++) {
                if (labels[order[t]] > 0.5) {
                    rankSum += rank;
                    positives++;
                }
            }
            k = end + 1;
        }
        final long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
