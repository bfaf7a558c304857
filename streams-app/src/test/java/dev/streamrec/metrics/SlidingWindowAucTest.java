package dev.streamrec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlidingWindowAucTest {
    private static double bruteForceAuc(final double[] s, final boolean[] y, final int from, final int to) {
        double u = 0;
        long p = 0;
        long n = 0;
        for (int i = from; i < to; i++) {
            if (y[i]) {
                p++;
            } else {
                n++;
            }
            for (int j = from; j < to; j++) {
                if (y[i] && !y[j]) {
                    u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return p == 0 || n == 0 ? Double.NaN : u / (p * n);
    }

    @Test
    void shouldComputeHandCheckedAuc() {
        final SlidingWindowAuc auc = new SlidingWindowAuc(10);
        assertTrue(Double.isNaN(auc.auc()));
        auc.add(0.9, true);
        auc.add(0.8, false);
        auc.add(0.7, true);
        auc.add(0.1, false);
        // pairs: 0.9 beats 0.8 and 0.1; 0.7 beats 0.1 only -> 3 of 4
        assertEquals(0.75, auc.auc());
        auc.add(0.7, false); // ties with the 0.7 positive: +0.5; 0.9 beats it: +1 -> 4.5 of 6
        assertEquals(0.75, auc.auc());
    }

    @Test
    void shouldForgetEventsThatLeaveTheWindow() {
        final SlidingWindowAuc auc = new SlidingWindowAuc(2);
        auc.add(0.2, true);
        auc.add(0.8, false);
        assertEquals(0.0, auc.auc());
        auc.add(0.9, true); // evicts (0.2, positive)
        assertEquals(1.0, auc.auc());
        assertEquals(2, auc.size());
        auc.add(0.1, true); // evicts (0.8, negative): no negatives left
        assertTrue(Double.isNaN(auc.auc()));
    }

    @Test
    void shouldMatchBruteForceAucOnRandomScoresWithTies() {
        final SplittableRandom random = new SplittableRandom(11);
        final int events = 3000;
        for (final int window : new int[] {1, 7, 100, 1000}) {
            final SlidingWindowAuc auc = new SlidingWindowAuc(window);
            final double[] s = new double[events];
            final boolean[] y = new boolean[events];
            for (int t = 0; t < events; t++) {
                y[t] = random.nextDouble() < 0.3;
                // coarse scores force many ties; the signal makes AUC differ from 0.5
                s[t] = Math.round((random.nextDouble() + (y[t] ? 0.3 : 0)) * 20) / 20.0;
                auc.add(s[t], y[t]);
                if (t % 37 == 0 || t == events - 1) {
                    final double expected = bruteForceAuc(s, y, Math.max(0, t + 1 - window), t + 1);
                    assertEquals(expected, auc.auc(), 1e-12, "window " + window + " after event " + t);
                }
            }
        }
    }

    @Test
    void shouldRejectNaNScores() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindowAuc(3).add(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindowAuc(0));
    }
}
