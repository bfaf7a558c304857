package dev.streamrec.models.deepmix;

import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.features.Example;
import dev.streamrec.features.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences against the analytic gradients, in float64 dense math. */
class DeepMixGradientCheckTest {
    @BeforeAll
    static void oneNd4jThread() {
        Nd4jThreads.limit(1);
    }

    private static final double EPS = 1e-6;

    private static DeepMixConfig config(final String kind, final String wiring) {
        return SyntheticStream.smallConfig()
            .with("deepmix.double.precision", "true")
            .with("deepmix.embedding.dim", "4")
            .with("deepmix.dnn.hidden", "6,5")
            .with("deepmix.dnn.kind", kind)
            .with("deepmix.wiring", wiring)
            .with("deepmix.cross.experts", "3")
            .with("deepmix.cross.rank", "3")
            .with("deepmix.batch.size", "1000");
    }

    private static DeepMixModel modelWithHistory(final DeepMixConfig config) {
        final DeepMixModel model = new DeepMixModel(config);
        new SyntheticStream(3).next(50, 0.5).forEach(model::learn);
        // no mini-batch step yet (batch 1000), but the first-order part learned per event: every check below runs on
        // the joint score with non-zero first-order weights
        assertTrue(model.wide().size() > 0, "first-order weights learned");
        return model;
    }

    @ParameterizedTest
    @CsvSource({"plain,stacked", "plain,parallel", "residual,stacked", "residual,parallel"})
    void shouldMatchFiniteDifferencesForCrossNetMixDnnAndResidualUnits(final String kind, final String wiring) {
        final DeepMixModel model = modelWithHistory(config(kind, wiring));
        final List<Example> batch = new SyntheticStream(11).next(12, 0.5);
        checkDense(model.trunk(), () -> model.lossAndGradients(batch, false),
            () -> model.lossAndGradients(batch, true));
        model.tables().discardGradients();
    }

    @Test
    void shouldMatchFiniteDifferencesForTheClickHead() {
        final DeepMixModel model = modelWithHistory(config("plain", "stacked"));
        final List<Example> batch = new SyntheticStream(12).next(10, 0.0);
        assertTrue(batch.stream().allMatch(e -> e.task() == Task.CLICK));
        checkDense(model.trunk(), () -> model.lossAndGradients(batch, false),
            () -> model.lossAndGradients(batch, true));
        model.tables().discardGradients();
    }

    @Test
    void shouldMatchFiniteDifferencesForTheRatingHead() {
        final DeepMixModel model = modelWithHistory(config("residual", "parallel"));
        final List<Example> batch = new SyntheticStream(13).next(10, 1.0);
        assertTrue(batch.stream().allMatch(e -> e.task() == Task.RATING));
        checkDense(model.trunk(), () -> model.lossAndGradients(batch, false),
            () -> model.lossAndGradients(batch, true));
        model.tables().discardGradients();
    }

    @Test
    void shouldMatchFiniteDifferencesForTheGenreHeadAndItsEmbeddings() {
        final DeepMixModel model = modelWithHistory(config("plain", "stacked"));
        final List<ItemExample> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(SyntheticStream.item(i * 3));
        }
        checkDense(model.genre().network(), () -> model.genre().lossAndGradients(items, false),
            () -> model.genre().lossAndGradients(items, true));
        model.tables().discardGradients();
        final int title = model.config().categoricalGroups();
        checkEmbeddings(model, () -> model.genre().lossAndGradients(items, false),
            () -> model.genre().lossAndGradients(items, true),
            new int[][] {{1, 5000}, {2, 9000}, {2, 9103}, {title, 7000}, {title, 7102}});
    }

    @Test
    void shouldMatchFiniteDifferencesForMeanPooledEventEmbeddings() {
        final DeepMixModel model = modelWithHistory(config("plain", "parallel"));
        final List<Example> batch = new SyntheticStream(14).next(16, 0.5);
        final Example first = batch.get(0);
        final int[][] rows = new int[first.categorical().size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new int[] {first.categorical().group(i), first.categorical().index(i)};
        }
        checkEmbeddings(model, () -> model.lossAndGradients(batch, false),
            () -> model.lossAndGradients(batch, true), rows);
    }

    private static void checkDense(final DeepMixNetwork net, final DoubleSupplier loss, final Runnable backward) {
        final DenseParams p = net.params();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int t = 0; t < p.tensorCount(); t++) {
            if (p.name(t).matches(".*\\.b\\d?")) {
                // zero-initialised biases put ReLUs exactly on their kink where an input is exactly zero
                final INDArray bias = p.param(t);
                for (int c = 0; c < p.cols(t); c++) {
                    bias.putScalar(0, c, random.nextDouble(-0.1, 0.1));
                }
            }
        }
        backward.run();
        int checked = 0;
        for (int t = 0; t < p.tensorCount(); t++) {
            final INDArray param = p.param(t);
            final double[] grad = DeepMixNetwork.doubles(p.grad(t));
            final int cols = p.cols(t);
            final int len = p.length(t);
            for (int k = 0; k < 5; k++) {
                int i = (int) ((k * 7919L + t * 31L) % len);
                if (p.name(t).endsWith(".C")) {
                    final int block = (i / cols) / net.rank();
                    i = (i / cols) * cols + block * net.rank() + (i % cols) % net.rank();
                }
                final int r = i / cols;
                final int c = i % cols;
                final double orig = param.getDouble(r, c);
                param.putScalar(r, c, orig + EPS);
                final double plus = loss.getAsDouble();
                param.putScalar(r, c, orig - EPS);
                final double minus = loss.getAsDouble();
                param.putScalar(r, c, orig);
                final double numeric = (plus - minus) / (2 * EPS);
                assertClose(numeric, grad[i], p.name(t) + "[" + r + "," + c + "]");
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    private static void checkEmbeddings(final DeepMixModel model, final DoubleSupplier loss, final Runnable backward,
                                        final int[][] rows) {
        final EmbeddingTables tables = model.tables();
        backward.run();
        final List<float[]> grads = new ArrayList<>();
        for (final int[] row : rows) {
            grads.add(tables.pendingGradient(row[0], row[1]));
        }
        tables.discardGradients();
        for (int k = 0; k < rows.length; k++) {
            final float[] value = new float[tables.dim()];
            tables.accumulate(rows[k][0], rows[k][1], 1f, value, 0);
            for (int j = 0; j < value.length; j++) {
                final float[] up = value.clone();
                up[j] = value[j] + 1e-3f;
                setRow(tables, rows[k], up);
                final double plus = loss.getAsDouble();
                final float[] down = value.clone();
                down[j] = value[j] - 1e-3f;
                setRow(tables, rows[k], down);
                final double minus = loss.getAsDouble();
                setRow(tables, rows[k], value);
                final double numeric = (plus - minus) / ((double) up[j] - (double) down[j]);
                assertClose(numeric, grads.get(k)[j], "embedding " + rows[k][0] + ":" + rows[k][1] + "[" + j + "]");
            }
        }
    }

    /** Overwrites a stored row (the backward pass created it). */
    private static void setRow(final EmbeddingTables tables, final int[] row, final float[] values) {
        final int slot = tables.rows().slot(EmbeddingTables.key(row[0], row[1]));
        System.arraycopy(values, 0, tables.rows().values(), slot * tables.dim(), tables.dim());
    }

    private static void assertClose(final double numeric, final double analytic, final String what) {
        final double tolerance = 2e-6 + 2e-3 * (Math.abs(numeric) + Math.abs(analytic));
        assertEquals(numeric, analytic, tolerance, what + ": numeric " + numeric + " vs analytic " + analytic);
    }
}
