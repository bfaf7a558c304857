package dev.streamrec.models.lcwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.SparseFeatures;
import org.junit.jupiter.api.Test;

/** The FTRL-Proximal stand-in of the wide part, checked against McMahan et al. 2013, Algorithm 1, by hand. */
class FtrlWideWeightsTest {

    private static SparseFeatures one(final int index, final float value) {
        final SparseFeatures x = new SparseFeatures(1);
        x.add(index, value, 0);
        return x;
    }

    @Test
    void shouldFollowFtrlProximalStepByStep() {
        final FtrlWideWeights ftrl = new FtrlWideWeights(0.1, 1.0, 0.0, 1.0);
        assertEquals(0.0, ftrl.weight(4));
        ftrl.update(one(4, 1f), 0.5);
        // g = 0.5, sigma = (sqrt(0.25) - 0) / 0.1 = 5, z = 0.5 - 5 * 0 = 0.5, n = 0.25
        // w = -0.5 / ((1 + 0.5) / 0.1 + 1) = -0.03125
        assertEquals(-0.03125, ftrl.weight(4), 1e-15);
        ftrl.update(one(4, 2f), -1.0);
        // g = -2, sigma = (sqrt(4.25) - 0.5) / 0.1, z = 0.5 - 2 - sigma * (-0.03125), n = 4.25
        final double sigma = (Math.sqrt(4.25) - 0.5) / 0.1;
        final double z = 0.5 - 2.0 + sigma * 0.03125;
        assertEquals(-z / ((1.0 + Math.sqrt(4.25)) / 0.1 + 1.0), ftrl.weight(4), 1e-15);
        assertEquals(2.0 * ftrl.weight(4), ftrl.dot(one(4, 2f)), 1e-15);
        assertEquals(1, ftrl.size());
    }

    @Test
    void shouldKeepWeightsAtZeroWhileL1DominatesTheGradientSum() {
        final FtrlWideWeights ftrl = new FtrlWideWeights(0.1, 1.0, 1.0, 0.0);
        ftrl.update(one(9, 1f), 0.6);
        assertEquals(0.0, ftrl.weight(9), "|z| = 0.6 <= l1");
        ftrl.update(one(9, 1f), 0.6);
        assertTrue(ftrl.weight(9) < 0.0, "|z| = 1.2 > l1 gives a weight against the gradient");
        assertEquals(1, ftrl.size(), "the coordinate holds state even while its weight is zero");
    }

    @Test
    void shouldDrainOnlyChangedCoordinates() {
        final FtrlWideWeights ftrl = new FtrlWideWeights(0.1, 1.0, 0.0, 1.0);
        final MapSink store = new MapSink();
        ftrl.update(one(1, 1f), 0.5);
        ftrl.update(one(2, 1f), 0.5);
        ftrl.drainChanges(store);
        assertEquals(2, store.puts);
        ftrl.update(one(2, 1f), 0.5);
        ftrl.drainChanges(store);
        assertEquals(3, store.puts);
        ftrl.drainChanges(store);
        assertEquals(3, store.puts, "nothing changed, nothing drained");
    }

    @Test
    void shouldRejectBadSettingsAndUnknownVersions() {
        assertThrows(IllegalArgumentException.class, () -> new FtrlWideWeights(0.0, 1.0, 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new FtrlWideWeights(0.1, -1.0, 0.0, 1.0));
        final FtrlWideWeights ftrl = new FtrlWideWeights(0.1, 1.0, 0.0, 1.0);
        final byte[] value = new byte[17];
        value[0] = 3;
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ftrl.restore(new byte[4], value));
        assertTrue(error.getMessage().contains("version 3") && error.getMessage().contains("version 1"));
    }
}
