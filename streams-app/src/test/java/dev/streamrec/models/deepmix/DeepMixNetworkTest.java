package dev.streamrec.models.deepmix;

import dev.streamrec.models.Nd4jThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeepMixNetworkTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    @ParameterizedTest
    @CsvSource({"plain,stacked", "plain,parallel", "residual,stacked", "residual,parallel"})
    void shouldScoreOneRowInPlainJavaAsTheBatchPassDoes(final String kind, final String wiring) {
        final DeepMixConfig config = DeepMixConfig.defaults().with("deepmix.dnn.kind", kind)
            .with("deepmix.wiring", wiring).with("deepmix.dnn.hidden", "24,12").with("deepmix.cross.rank", "5");
        final int in = 20;
        final DeepMixNetwork net = new DeepMixNetwork(in, 3, config, DataType.FLOAT, 9, "t");
        final SplittableRandom random = new SplittableRandom(1);
        final DenseParams p = net.params();
        for (int t = 0; t < p.tensorCount(); t++) {
            if (!p.name(t).endsWith(".C")) {
                for (int i = p.offset(t); i < p.offset(t) + p.length(t); i++) {
                    p.master()[i] += (float) random.nextDouble(-0.05, 0.05);
                }
            }
        }
        net.params().syncFromMaster();
        final int rows = 7;
        final float[] x = new float[rows * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        final double[] batch = DeepMixNetwork.doubles(net.forward(net.matrix(x, rows, in), false));
        for (int r = 0; r < rows; r++) {
            final float[] row = java.util.Arrays.copyOfRange(x, r * in, r * in + in);
            final float[] z = net.forwardRow(row);
            for (int k = 0; k < 3; k++) {
                assertEquals(batch[r * 3 + k], z[k], 1e-4 * (1 + Math.abs(z[k])), "row " + r + " logit " + k);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"plain,stacked", "plain,parallel", "residual,stacked"})
    void shouldGiveTheSameBitsWhenTheFirstLayerResumesFromTheKeptPrefixSum(final String kind, final String wiring) {
        final DeepMixConfig config = DeepMixConfig.defaults().with("deepmix.dnn.kind", kind)
            .with("deepmix.wiring", wiring).with("deepmix.dnn.hidden", "24,12").with("deepmix.cross.rank", "5");
        final int in = 22;
        final int split = 16;
        final DeepMixNetwork net = new DeepMixNetwork(in, 2, config, DataType.FLOAT, 4, "t");
        final SplittableRandom random = new SplittableRandom(5);
        final float[] x = new float[in];
        for (int i = 0; i < in; i++) {
            // a zero group of four inside the prefix (skipped) and one across the split
            x[i] = i >= 4 && i < 8 || i >= 14 && i < 18 ? 0f : (float) random.nextGaussian();
        }
        final float[] full = net.forwardRow(x).clone();
        assertArrayEquals(full, net.forwardRow(x, split, false).clone(), "split pass, prefix kept");
        for (int round = 0; round < 3; round++) {
            final float[] moved = x.clone();
            for (int i = split; i < in; i++) {
                moved[i] = (float) random.nextGaussian();
            }
            final float[] resumed = net.forwardRow(moved, split, true).clone();
            assertArrayEquals(net.forwardRow(moved), resumed, "resumed from the kept prefix, round " + round);
        }
    }

    @Test
    void shouldRefuseASplitThatIsNotAGroupBoundary() {
        final float[][] w = new float[8][3];
        assertThrows(IllegalArgumentException.class,
            () -> RowProduct.multiplySplit(new float[8], w, null, 3, 6, false, new float[3], new float[3]));
    }

    @Test
    void shouldGiveTheSameLogitsWhenTheBatchSizeChangesBetweenPasses() {
        final DeepMixNetwork net = new DeepMixNetwork(12, 2, DeepMixConfig.defaults().with("deepmix.dnn.hidden", "16,8"),
            DataType.FLOAT, 3, "t");
        final SplittableRandom random = new SplittableRandom(2);
        final float[] big = new float[7 * 12];
        final float[] small = new float[3 * 12];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < small.length; i++) {
            small[i] = (float) random.nextGaussian();
        }
        final double[] first = DeepMixNetwork.doubles(net.forward(net.inputs(big, 7), false));
        final double[] other = DeepMixNetwork.doubles(net.forward(net.inputs(small, 3), false));
        final double[] again = DeepMixNetwork.doubles(net.forward(net.inputs(big, 7), false));
        assertEquals(6, other.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, again);
    }

    @Test
    void shouldClampTheExpertRankToTheCrossWidth() {
        final DeepMixConfig config = DeepMixConfig.defaults().with("deepmix.dnn.hidden", "16,8")
            .with("deepmix.cross.rank", "32");
        assertEquals(8, new DeepMixNetwork(30, 1, config, DataType.FLOAT, 1, "s").rank());
        assertEquals(30, new DeepMixNetwork(30, 1, config.with("deepmix.wiring", "parallel"), DataType.FLOAT, 1, "p")
            .rank());
    }
}
