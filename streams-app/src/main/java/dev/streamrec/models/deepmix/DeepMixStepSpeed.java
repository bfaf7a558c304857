package dev.streamrec.models.deepmix;

import java.util.List;

import dev.streamrec.features.Example;

/**
 * Times DeepMix's mini-batch step (input stacking, forward and backward through the trunk and the heads, the
 * embedding gradients) on a fixed batch, without applying the gradients, and converts it to achieved GFLOP/s: a
 * forward pass costs {@code 2 * MACs} FLOPs per row and the backward pass about twice that, so
 * {@code FLOPs = 3 * 2 * forwardMacsPerRow * batch}.
 */
public final class DeepMixStepSpeed {
    private DeepMixStepSpeed() {
    }

    /**
     * @param seconds seconds per step (median of the repetitions' mean)
     * @param flops   FLOPs per step by the count above
     */
    public record Result(int batch, double seconds, double flops) {
        public double gflops() {
            return flops / seconds / 1e9;
        }
    }

    /** Steps {@code reps} times on {@code batch} (after two unmeasured steps) with {@code model}'s current weights. */
    public static Result measure(final DeepMixModel model, final List<Example> batch, final int reps) {
        for (int r = 0; r < 2; r++) {
            model.lossAndGradients(batch, true);
            model.tables().discardGradients();
        }
        final long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            model.lossAndGradients(batch, true);
            model.tables().discardGradients();
        }
        final double seconds = (System.nanoTime() - t0) / 1e9 / reps;
        return new Result(batch.size(), seconds, 3.0 * 2.0 * model.trunk().forwardMacsPerRow() * batch.size());
    }
}
