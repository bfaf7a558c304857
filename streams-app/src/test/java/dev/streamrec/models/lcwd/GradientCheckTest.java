package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.params.SparseRowTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Central finite differences of the mean joint loss against the analytic mini-batch gradients, in double
 * precision, for every parameter of a tower (M1 entries, M2, hidden layer, output layer, their biases) with both
 * heads and every activation; and of the per-event loss against the wide part's per-event gradient.
 */
class GradientCheckTest {
    private static final double H = 1e-4;

    static List<Arguments> cases() {
        final List<Arguments> cases = new ArrayList<>();
        for (final Task task : Task.values()) {
            for (final Activation activation : Activation.values()) {
                cases.add(Arguments.of(task, activation));
            }
        }
        return cases;
    }

    private static LcwdConfig config(final Activation activation) {
        return new LcwdConfig(8, 4, List.of(5, 3), activation, "sgd", 0.1f, 0.05, 1.0, 0.0, 1.0, 6, 7L, 1.5, 3.5,
            1.0, 5.0);
    }

    private static Example[] batch(final Task task, final int count) {
        final Random random = new Random(11);
        final Example[] batch = new Example[count];
        for (int b = 0; b < count; b++) {
            final SparseFeatures x = new SparseFeatures(6);
            for (int j = 0; j < 5; j++) {
                // few distinct indices, so M1 entries are shared across examples and groups get several features
                x.add(random.nextInt(12), 0.5f + random.nextFloat(), random.nextInt(4));
            }
            final double label = task == Task.CLICK ? random.nextInt(2) : 1 + 4 * random.nextDouble();
            batch[b] = new Example(task, label, "u", "i", b, x, new SparseFeatures(1));
        }
        return batch;
    }

    @ParameterizedTest(name = "{0} head, {1}")
    @MethodSource("cases")
    void shouldMatchFiniteDifferencesForEveryDeepParameter(final Task task, final Activation activation) {
        final LcDnnTower tower = new LcDnnTower(task, config(activation), SyntheticStream::linearWeight, 3L);
        tower.computeType(DataType.DOUBLE);
        final Example[] batch = batch(task, 6);
        for (final Example e : batch) {
            tower.touch(e.categorical());
        }
        final double[] extra = new double[batch.length];
        final Random random = new Random(5);
        for (int b = 0; b < extra.length; b++) {
            extra[b] = (task == Task.RATING ? 3.5 : 0.0) + random.nextGaussian() * 0.5;
        }
        final TowerGradients analytic = tower.gradients(batch, batch.length, extra);

        final DenseLayer[] layers = tower.layers();
        for (int l = 0; l < layers.length; l++) {
            final String name = l == 0 ? "M2" : l == layers.length - 1 ? "output W" : "hidden W" + l;
            checkTensor(tower, batch, extra, layers[l].weights, analytic.weightGrads()[l], name);
            checkTensor(tower, batch, extra, layers[l].bias, analytic.biasGrads()[l], name + " bias");
        }
        final SparseRowTable m1 = tower.m1();
        assertEquals(m1.size(), analytic.m1Slots().length, "every touched M1 entry gets a gradient");
        for (int k = 0; k < analytic.m1Slots().length; k++) {
            final int slot = analytic.m1Slots()[k];
            final float original = m1.values()[slot];
            m1.values()[slot] = (float) (original + H);
            final double up = m1.values()[slot];
            final double lossUp = tower.gradients(batch, batch.length, extra).loss();
            m1.values()[slot] = (float) (original - H);
            final double down = m1.values()[slot];
            final double lossDown = tower.gradients(batch, batch.length, extra).loss();
            m1.values()[slot] = original;
            assertClose((lossUp - lossDown) / (up - down), analytic.m1Grads()[k], "M1[" + m1.keyAt(slot) + "]");
        }
    }

    private static void checkTensor(final LcDnnTower tower, final Example[] batch, final double[] extra,
                                    final float[] params, final float[] grads, final String name) {
        assertEquals(params.length, grads.length, name + " gradient shape");
        for (int k = 0; k < params.length; k++) {
            final float original = params[k];
            params[k] = (float) (original + H);
            final double up = params[k];
            final double lossUp = tower.gradients(batch, batch.length, extra).loss();
            params[k] = (float) (original - H);
            final double down = params[k];
            final double lossDown = tower.gradients(batch, batch.length, extra).loss();
            params[k] = original;
            assertClose((lossUp - lossDown) / (up - down), grads[k], name + "[" + k + "]");
        }
    }

    private static void assertClose(final double numeric, final double analytic, final String what) {
        final double tolerance = 1e-6 + 1e-4 * Math.max(Math.abs(numeric), Math.abs(analytic));
        assertTrue(Math.abs(numeric - analytic) <= tolerance,
            what + ": finite difference " + numeric + " vs analytic " + analytic);
    }

    @ParameterizedTest(name = "{0} head, {1}")
    @MethodSource("cases")
    void shouldUpdateWideWeightsWithTheJointLossGradient(final Task task, final Activation activation) {
        final RecordingWide wide = new RecordingWide();
        final LcwdModel model = new LcwdModel(config(activation), SyntheticStream::linearWeight, t -> wide);
        final Head head = Head.of(task);
        for (final Example e : batch(task, 4)) {
            final SparseFeatures x = e.categorical();
            for (int j = 0; j < x.size(); j++) {
                final int index = x.index(j);
                final double original = wide.weight(index);
                wide.weights.put(index, original + H);
                final double lossUp = head.loss(model.score(task, x), e.label());
                wide.weights.put(index, original - H);
                final double lossDown = head.loss(model.score(task, x), e.label());
                wide.weights.put(index, original);
                // the analytic per-coordinate gradient is gradScale * (sum of x_j over occurrences of the index)
                double occurrences = 0.0;
                for (int k = 0; k < x.size(); k++) {
                    occurrences += x.index(k) == index ? x.value(k) : 0.0;
                }
                final double numeric = (lossUp - lossDown) / (2 * H);
                final double gradScale = head.gradient(model.score(task, x), e.label());
                assertClose(numeric, gradScale * occurrences, "wide[" + index + "]");
            }
            final double expected = head.gradient(model.score(task, x), e.label());
            model.learn(e);
            assertEquals(expected, wide.lastGradScale, 0.0, "learn hands dL/dz of the joint score to the wide part");
            wide.weights.merge(x.index(0), 0.01, Double::sum);
        }
    }

    /** A wide part with settable weights that records the gradient scale of each update. */
    private static final class RecordingWide implements WideWeights {
        @Override
        public void exportTensors(final dev.streamrec.models.TensorSink sink, final String prefix) {
        }

        final Map<Integer, Double> weights = new HashMap<>();
        double lastGradScale = Double.NaN;

        @Override
        public double weight(final int index) {
            return weights.getOrDefault(index, 0.0);
        }

        @Override
        public double dot(final SparseFeatures x) {
            double sum = 0.0;
            for (int j = 0; j < x.size(); j++) {
                sum += weight(x.index(j)) * x.value(j);
            }
            return sum;
        }

        @Override
        public void update(final SparseFeatures x, final double gradScale) {
            lastGradScale = gradScale;
        }

        @Override
        public long size() {
            return weights.size();
        }

        @Override
        public dev.streamrec.models.params.Persisted state() {
            return dev.streamrec.models.params.Persisted.single(out -> { }, in -> { });
        }
    }
}
