package dev.streamrec.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.deepmix.DeepMixModel;
import dev.streamrec.models.deepmix.DeepMixStepSpeed;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense tower's achieved GFLOP/s next to ND4J's own gemm speed, measured in the same process with the same
 * (single) BLAS thread the model core uses: DeepMix's mini-batch step on the first batch of a real stream, then a
 * plain {@code Nd4j.gemm} of 256x128 by 128x128 floats (the size of a typical trunk layer at batch 256).
 */
public final class TowerSpeed {
    private static final int M = 256;
    private static final int K = 128;
    private static final int N = 128;

    private TowerSpeed() {
    }

    /**
     * @param step        DeepMix's step
     * @param gemmSecs    wall-clock seconds per reference gemm
     * @param gemmCpuSecs the measuring thread's CPU seconds per reference gemm
     * @param sameShape   the step's own first-layer gemm (batch x input by input x hidden) through the same direct
     *                    BLAS call, measured right after the step ({@link DeepMixStepSpeed#referenceGemm})
     */
    public record Result(DeepMixStepSpeed.Result step, double gemmSecs, double gemmCpuSecs,
                         DeepMixStepSpeed.Result sameShape) {
        public double gemmGflops() {
            return 2.0 * M * K * N / gemmSecs / 1e9;
        }

        public double gemmCpuGflops() {
            return 2.0 * M * K * N / gemmCpuSecs / 1e9;
        }
    }

    /** Measures both, {@code rounds} times each; the figures are the medians. */
    public static List<Result> measure(final List<BenchEvent> events, final Map<String, String> properties,
                                       final int rounds) {
        final FeatureConfig features = FeatureConfig.fromProperties(properties);
        final DeepMixModel model = (DeepMixModel) new ModelFactory(List.of(DeepMixModel.NAME), properties, features,
            ValidationConfig.fromProperties(properties)).get().get(0);
        final ExampleFactory examples = new ExampleFactory(features);
        final List<dev.streamrec.features.Example> batch = new ArrayList<>();
        for (final BenchEvent e : events) {
            if (batch.size() == model.config().batchSize()) {
                break;
            }
            if (examples.featurize(e.userId(), e.itemId(), e.eventTime(), e.context(), e.user(), e.item()).fits()) {
                batch.add(examples.example(e.type(), e.label(), e.userId(), e.itemId(), e.eventTime()).copy());
            }
        }
        final INDArray a = Nd4j.rand(DataType.FLOAT, M, K);
        final INDArray b = Nd4j.rand(DataType.FLOAT, K, N);
        final List<Result> results = new ArrayList<>();
        final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        // one unrecorded round first: the step's code is compiled by C2 before any round counts (with two warm-up
        // steps only, the first rounds measured the interpreter and C1)
        DeepMixStepSpeed.measure(model, batch, 400);
        DeepMixStepSpeed.referenceGemm(model, batch.size(), 2000);
        for (int r = 0; r < rounds; r++) {
            final DeepMixStepSpeed.Result step = DeepMixStepSpeed.measure(model, batch, 200);
            for (int w = 0; w < 50; w++) {
                Nd4j.gemm(a, b, false, false);
            }
            final int reps = 1000;
            final long cpu0 = cpu.getCurrentThreadCpuTime();
            final long t0 = System.nanoTime();
            for (int w = 0; w < reps; w++) {
                Nd4j.gemm(a, b, false, false);
            }
            final double seconds = (System.nanoTime() - t0) / 1e9 / reps;
            final double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9 / reps;
            results.add(new Result(step, seconds, cpuSeconds,
                DeepMixStepSpeed.referenceGemm(model, batch.size(), 2000)));
        }
        return results;
    }

    /** Prints the medians as a Markdown table. */
    public static void print(final List<Result> results, final PrintStream out) {
        final Spread stepMs = Spread.of(results.stream().mapToDouble(r -> r.step().seconds() * 1e3).toArray());
        final Spread step = Spread.of(results.stream().mapToDouble(r -> r.step().gflops()).toArray());
        final Spread gemm = Spread.of(results.stream().mapToDouble(Result::gemmGflops).toArray());
        final DeepMixStepSpeed.Result first = results.get(0).step();
        out.println();
        out.println("| kernel | time per call (median) | GFLOP/s (median, ±half-range, n) |");
        out.println("|---|---:|---:|");
        out.printf(Locale.ROOT, "| DeepMix mini-batch step, batch %d, %.1f MFLOP (forward+backward incl. stacking) "
            + "| %.2f ms | %.2f (±%.1f %%, n=%d) |%n", first.batch(), first.flops() / 1e6, stepMs.median(),
            step.median(), step.halfRangePercent(), step.count());
        out.printf(Locale.ROOT, "| ND4J Nd4j.gemm %dx%d * %dx%d float | %.1f us | %.2f (±%.1f %%, n=%d) |%n", M, K, K, N,
            results.stream().mapToDouble(Result::gemmSecs).sorted().toArray()[results.size() / 2] * 1e6,
            gemm.median(), gemm.halfRangePercent(), gemm.count());
        out.printf(Locale.ROOT, "%nDeepMix's step achieves %.0f %% of ND4J's gemm speed in the same run.%n",
            100 * step.median() / gemm.median());
        final Spread stepCpu = Spread.of(results.stream().mapToDouble(r -> r.step().cpuGflops()).toArray());
        final Spread gemmCpu = Spread.of(results.stream().mapToDouble(Result::gemmCpuGflops).toArray());
        out.printf(Locale.ROOT, "By the thread's CPU time (the figure a shared machine does not distort): step %.2f "
            + "GFLOP/s (±%.1f %%), gemm %.2f GFLOP/s (±%.1f %%), %.0f %%.%n", stepCpu.median(),
            stepCpu.halfRangePercent(), gemmCpu.median(), gemmCpu.halfRangePercent(),
            100 * stepCpu.median() / gemmCpu.median());
        final Spread same = Spread.of(results.stream().mapToDouble(r -> r.sameShape().cpuGflops()).toArray());
        final DeepMixStepSpeed.Result shape = results.get(0).sameShape();
        out.printf(Locale.ROOT, "Against the step's own first-layer gemm (%.2f MFLOP, direct cblas_sgemm, CPU time): "
            + "%.2f GFLOP/s (±%.1f %%), the step %.0f %% of it.%n", shape.flops() / 1e6, same.median(),
            same.halfRangePercent(), 100 * stepCpu.median() / same.median());
        final Spread share = Spread.of(results.stream()
            .mapToDouble(r -> 100 * r.step().cpuGflops() / r.sameShape().cpuGflops()).toArray());
        out.printf(Locale.ROOT, "Round by round (step and that gemm measured back to back): the step %.0f %% of it "
            + "(median), %.0f-%.0f %%.%n", share.median(), share.min(), share.max());
    }
}
