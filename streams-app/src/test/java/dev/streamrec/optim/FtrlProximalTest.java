package dev.streamrec.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.SparseFeatures;
import org.junit.jupiter.api.Test;

class FtrlProximalTest {
    private static final double EPS = 1e-12;

    private static SparseFeatures features(final int[] idx, final float[] val) {
        final SparseFeatures x = new SparseFeatures(Math.max(1, idx.length));
        for (int j = 0; j < idx.length; j++) {
            x.add(idx[j], val[j], j);
        }
        return x;
    }

    @Test
    void shouldMatchHandComputedAlgorithmOneSteps() {
        // alpha 0.5, beta 1, l1 0.5, l2 1; w = -(z - sgn(z) l1) / ((beta + sqrt n)/alpha + l2) when |z| > l1
        final FtrlProximal ftrl = new FtrlProximal(0.5, 1.0, 0.5, 1.0, 8);
        final SparseFeatures one = features(new int[] {3}, new float[] {1f});
        final SparseFeatures two = features(new int[] {3}, new float[] {2f});
        assertEquals(0.0, ftrl.dot(one));

        // step 1: w = 0, g = 1 * 1 = 1, sigma = (sqrt(1) - sqrt(0)) / 0.5 = 2, z = 0 + 1 - 2 * 0 = 1, n = 1
        //         w = -(1 - 0.5) / ((1 + 1) / 0.5 + 1) = -0.5 / 5 = -0.1
        ftrl.update(one, 1.0);
        assertEquals(-0.1, ftrl.weight(3), EPS);
        assertEquals(-0.2, ftrl.dot(two), EPS);

        // step 2: g = 0.25 * 2 = 0.5, sigma = (sqrt(1.25) - 1) / 0.5 = 0.2360679774997898,
        //         z = 1 + 0.5 - 0.2360679774997898 * (-0.1) = 1.523606797749979, n = 1.25
        //         w = -(1.523606797749979 - 0.5) / ((1 + sqrt(1.25)) / 0.5 + 1) = -0.19549150281252628
        ftrl.update(two, 0.25);
        assertEquals(-0.19549150281252628, ftrl.weight(3), EPS);

        // step 3: g = -1 * 2 = -2, sigma = (sqrt(5.25) - sqrt(1.25)) / 0.5 = 2.34650771745605,
        //         z = 1.523606797749979 - 2 - 2.34650771745605 * (-0.19549150281252628) = -0.017670882203347005
        //         |z| <= l1, so w = 0 exactly
        ftrl.update(two, -1.0);
        assertEquals(0.0, ftrl.weight(3));
        assertEquals(1, ftrl.touchedCount());
    }

    @Test
    void shouldKeepWeightsExactlyZeroWhileAccumulatedGradientIsBelowL1() {
        final FtrlProximal ftrl = new FtrlProximal(0.1, 1.0, 5.0, 1.0, 8);
        final SparseFeatures x = features(new int[] {1, 2}, new float[] {1f, 1f});
        for (int t = 0; t < 4; t++) {
            ftrl.update(x, 1.0); // z grows by 1 per step (w stays 0, so no sigma*w term): |z| = 4 <= 5
        }
        assertEquals(0.0, ftrl.weight(1));
        assertEquals(0.0, ftrl.dot(x));
        ftrl.update(x, 2.0); // |z| = 6 > 5
        assertTrue(ftrl.weight(1) < 0.0);
    }

    @Test
    void shouldMarkTheBlocksOfChangedCoordinatesOnly() {
        final FtrlProximal ftrl = new FtrlProximal(0.5, 1.0, 0.0, 0.0, 12);
        assertEquals(4, ftrl.blockCount());
        ftrl.update(features(new int[] {3, 2 * 1024 + 1}, new float[] {1f, 1f}), 1.0);
        assertTrue(ftrl.takeDirty(0));
        assertFalse(ftrl.takeDirty(1));
        assertTrue(ftrl.takeDirty(2));
        assertFalse(ftrl.takeDirty(0), "taking a mark clears it");
    }

    @Test
    void shouldNotReuseMemoizedWeightsAfterTheBufferWasRefilled() {
        final FtrlProximal a = new FtrlProximal(0.5, 1.0, 0.0, 0.0, 8);
        final FtrlProximal b = new FtrlProximal(0.5, 1.0, 0.0, 0.0, 8);
        final SparseFeatures x = features(new int[] {4}, new float[] {1f});
        a.update(x, 1.0);
        b.update(x, 1.0);
        a.dot(x);
        x.clear();
        x.add(4, 2f, 0); // same index, new value: the memo of a must be dropped
        a.update(x, 1.0);
        b.update(x, 1.0);
        assertEquals(Double.doubleToRawLongBits(b.weight(4)), Double.doubleToRawLongBits(a.weight(4)));
    }

    @Test
    void tracksTheTouchedCoordinatesOfEveryBlockThroughUpdatesAndRestores() {
        final FtrlProximal ftrl = new FtrlProximal(0.1, 1.0, 0.0, 0.0, 12); // 4 blocks of 1,024
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int step = 0; step < 200; step++) {
            final int[] idx = {random.nextInt(4096), random.nextInt(4096), 1025};
            ftrl.update(features(idx, new float[] {1f, -0.5f, 2f}), random.nextDouble() - 0.5);
        }
        ftrl.restore(1025, 0.0, 0.0); // a restored block clears coordinates
        ftrl.restore(4000, 0.25, 1.0); // and sets others
        final java.util.List<Integer> expected = new java.util.ArrayList<>();
        final int[] perBlock = new int[ftrl.blockCount()];
        for (int i = 0; i < ftrl.dimension(); i++) {
            if (ftrl.z(i) != 0.0 || ftrl.n(i) != 0.0) {
                expected.add(i);
                perBlock[i / ftrl.blockSize()]++;
            }
        }
        final java.util.List<Integer> visited = new java.util.ArrayList<>();
        for (int i = ftrl.nextTouched(0); i >= 0; i = ftrl.nextTouched(i + 1)) {
            visited.add(i);
        }
        assertEquals(expected, visited);
        assertFalse(visited.contains(1025));
        assertTrue(visited.contains(4000));
        assertEquals(expected.size(), ftrl.touchedCount());
        for (int b = 0; b < ftrl.blockCount(); b++) {
            assertEquals(perBlock[b], ftrl.touchedIn(b), "block " + b);
        }
    }
}
