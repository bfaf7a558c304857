package dev.streamrec.models.deepmix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import dev.streamrec.features.Example;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Times DeepMix's mini-batch step (input stacking, forward and backward through the trunk and the heads, the
 * embedding gradients) on a fixed batch, without applying the gradients, and converts it to achieved GFLOP/s: a
 * forward pass costs {@code 2 * MACs} FLOPs per row and the backward pass about twice that, so
 * {@code FLOPs = 3 * 2 * forwardMacsPerRow * batch}.
 */
public final class DeepMixStepSpeed {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DeepMixStepSpeed() {
    }

    /**
     * @param seconds    wall-clock seconds per step (the repetitions' mean)
     * @param flops      FLOPs per step by the count above
     * @param cpuSeconds the measuring thread's CPU seconds per step (BLAS runs on it with one thread): on a machine
     *                   shared with other work, the figure that does not count the wait for a core
     */
    public record Result(int batch, double seconds, double flops, double cpuSeconds) {
        public double gflops() {
            return flops / seconds / 1e9;
        }

        public double cpuGflops() {
            return flops / cpuSeconds / 1e9;
        }
    }

    /** Steps {@code reps} times on {@code batch} (after two unmeasured steps) with {@code model}'s current weights. */
    public static Result measure(final DeepMixModel model, final List<Example> batch, final int reps) {
        for (int r = 0; r < 2; r++) {
            model.lossAndGradients(batch, true);
            model.tables().discardGradients();
        }
        final long cpu0 = CPU.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            model.lossAndGradients(batch, true);
            model.tables().discardGradients();
        }
        final double seconds = (System.nanoTime() - t0) / 1e9 / reps;
        final double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9 / reps;
        return new Result(batch.size(), seconds, 3.0 * 2.0 * model.trunk().forwardMacsPerRow() * batch.size(),
            cpuSeconds);
    }

    /**
     * The step's own largest gemm as a reference: {@code batch x inputDim} times the first DNN layer's
     * {@code inputDim x hidden} weights through the same direct {@code cblas_sgemm} the step calls ({@link Gemm}),
     * {@code reps} times after 50 unmeasured calls; FLOPs {@code 2 m k n} per call.
     */
    public static Result referenceGemm(final DeepMixModel model, final int batch, final int reps) {
        // tensor 0 is the first DNN layer's weight matrix (dnn0.W, or res0.W1 for residual units)
        final DenseParams p = model.trunk().params();
        final int n = p.cols(0);
        final int k = p.length(0) / n;
        final INDArray a = HostBuffers.create(p.dtype(), batch, k).assign(0.5);
        final INDArray c = HostBuffers.create(p.dtype(), batch, n);
        final INDArray w = p.param(0);
        for (int r = 0; r < 50; r++) {
            Gemm.gemm(a, false, w, false, c, 1.0, 0.0);
        }
        final long cpu0 = CPU.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            Gemm.gemm(a, false, w, false, c, 1.0, 0.0);
        }
        final double seconds = (System.nanoTime() - t0) / 1e9 / reps;
        final double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9 / reps;
        return new Result(batch, seconds, 2.0 * batch * k * n, cpuSeconds);
    }
}
