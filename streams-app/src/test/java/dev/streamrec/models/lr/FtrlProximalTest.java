package dev.streamrec.models.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.SparseFeatures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
        final FtrlProximal ftrl = new FtrlProximal(new FtrlConfig(0.5, 1.0, 0.5, 1.0), 8);
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
        final FtrlProximal ftrl = new FtrlProximal(new FtrlConfig(0.1, 1.0, 5.0, 1.0), 8);
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
    void shouldRestoreBitIdenticalStateFromDrainedEntries() {
        final FtrlProximal a = new FtrlProximal(FtrlConfig.defaults(), 10);
        final SplittableRandom random = new SplittableRandom(1);
        final Map<String, byte[][]> store = new LinkedHashMap<>();
        final SparseFeatures x = new SparseFeatures(8);
        for (int t = 0; t < 500; t++) {
            x.clear();
            for (int j = 0; j < 8; j++) {
                x.add(random.nextInt(1024), (float) random.nextDouble(), j);
            }
            a.update(x, random.nextDouble(-1, 1));
            if (t % 7 == 0) {
                a.drain(new MapSink(store), (byte) 1);
            }
        }
        a.drain(new MapSink(store), (byte) 1);
        assertEquals(0, a.dirtyCount());
        final FtrlProximal b = new FtrlProximal(FtrlConfig.defaults(), 10);
        store.values().forEach(kv -> b.restore(kv[0], kv[1]));
        assertEquals(a.touchedCount(), b.touchedCount());
        for (int i = 0; i < 1024; i++) {
            assertEquals(Double.doubleToRawLongBits(a.weight(i)), Double.doubleToRawLongBits(b.weight(i)));
        }
        assertEquals(0, b.dirtyCount(), "restored entries are already persisted");
    }

    @Test
    void shouldNotReuseMemoizedWeightsAfterTheBufferWasRefilled() {
        final FtrlProximal a = new FtrlProximal(new FtrlConfig(0.5, 1.0, 0.0, 0.0), 8);
        final FtrlProximal b = new FtrlProximal(new FtrlConfig(0.5, 1.0, 0.0, 0.0), 8);
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
    void shouldRejectUnknownFormatVersionNamingBothVersions() {
        final FtrlProximal ftrl = new FtrlProximal(FtrlConfig.defaults(), 8);
        final byte[] value = FtrlProximal.encode(1.0, 2.0);
        value[0] = 9;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ftrl.restore(FtrlProximal.key((byte) 1, 5), value));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void shouldRejectCoordinatesOutsideTheConfiguredSpace() {
        final FtrlProximal ftrl = new FtrlProximal(FtrlConfig.defaults(), 8);
        assertThrows(IllegalArgumentException.class,
            () -> ftrl.restore(FtrlProximal.key((byte) 1, 256), FtrlProximal.encode(1.0, 2.0)));
    }

    @Test
    void shouldEncodeKeysAndValuesBigEndianWithVersionFirst() {
        assertArrayEquals(new byte[] {1, 0, 0, 1, 2}, FtrlProximal.key((byte) 1, 258));
        final byte[] v = FtrlProximal.encode(1.0, -0.0);
        assertEquals(FtrlProximal.FORMAT_VERSION, v[0]);
        assertEquals(0x3f, v[1] & 0xff); // 1.0 = 0x3ff0000000000000
        assertEquals(0xf0, v[2] & 0xff);
        assertEquals(0x80, v[9] & 0xff); // -0.0 keeps its sign bit
    }

    /** A sink backed by a map from hex key to {key, value}. */
    record MapSink(Map<String, byte[][]> store) implements dev.streamrec.models.ParameterSink {
        @Override
        public void put(final byte[] key, final byte[] value) {
            store.put(java.util.HexFormat.of().formatHex(key), new byte[][] {key, value});
        }

        @Override
        public void delete(final byte[] key) {
            store.remove(java.util.HexFormat.of().formatHex(key));
        }
    }
}
