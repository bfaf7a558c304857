package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelThresholdsTest {
    private static ItemExample item(final int... labels) {
        return new ItemExample("i", labels, new SparseFeatures(1), new int[0]);
    }

    @Test
    void shouldKeepHalfUntilALabelHasEnoughPositives() {
        final LabelThresholds t = new LabelThresholds(2);
        t.record(new double[] {0.1, 0.1}, item(0));
        assertEquals(0.5, t.threshold(0));
        assertEquals(0.5, t.threshold(1));
    }

    @Test
    void shouldLowerTheThresholdOfARareLabelWhoseProbabilitiesStayBelowHalf() {
        final LabelThresholds t = new LabelThresholds(1);
        for (int i = 0; i < 100; i++) {
            final boolean positive = i % 10 == 0;
            // positives at p = 0.2, negatives at p = 0.02: separable, but never above 0.5
            t.record(new double[] {positive ? 0.2 : 0.02}, positive ? item(0) : item());
        }
        final double threshold = t.threshold(0);
        assertTrue(threshold > 0.02 && threshold <= 0.2, "threshold " + threshold);
        assertTrue(t.decisionScores(new double[] {0.2})[0] >= 0.5);
        assertTrue(t.decisionScores(new double[] {0.02})[0] < 0.5);
    }

    @Test
    void shouldMapProbabilitiesMonotonicallyOntoTheHalfScale() {
        final LabelThresholds t = new LabelThresholds(1);
        for (int i = 0; i < 40; i++) {
            t.record(new double[] {i % 2 == 0 ? 0.3 : 0.05}, i % 2 == 0 ? item(0) : item());
        }
        double previous = -1;
        for (double p = 0.001; p < 1; p += 0.01) {
            final double s = t.decisionScores(new double[] {p})[0];
            assertTrue(s > previous && s >= 0 && s <= 1, "score " + s + " at " + p);
            assertEquals(p >= t.threshold(0), s >= 0.5);
            previous = s;
        }
    }

    @Test
    void shouldRestoreTheSameThresholdsFromItsCounts() {
        final LabelThresholds t = new LabelThresholds(3);
        for (int i = 0; i < 60; i++) {
            t.record(new double[] {(i % 7) / 10.0 + 0.01, (i % 3) / 5.0 + 0.05, 0.4}, i % 3 == 0 ? item(0, 1)
                : item(2));
        }
        final LabelThresholds restored = new LabelThresholds(3);
        restored.restore(t.counts());
        assertArrayEquals(t.counts(), restored.counts());
        for (int k = 0; k < 3; k++) {
            assertEquals(t.threshold(k), restored.threshold(k));
        }
    }
}
