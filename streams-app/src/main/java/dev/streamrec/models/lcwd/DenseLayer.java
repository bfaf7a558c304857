package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Initialisers;
import dev.streamrec.optim.Optimizer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One fully connected layer {@code out = W^T in + b} of a tower: {@code W} is fanIn x fanOut, stored row-major in a
 * flat float array, with the optimiser's state arrays beside it (the layer itself never steps; the tower does).
 * The first layer of a tower is the paper's M2 (f x K1) with bias b1.
 */
final class DenseLayer {
    final int fanIn;
    final int fanOut;
    final float[] weights;
    final float[] bias;
    final float[][] weightState;
    final float[][] biasState;
    /**
     * {@code weights} widened to double for {@link #preActivation}: C2 (JDK 17) vectorises its inner loop over
     * doubles but not one that widens each float as it goes. The same values, so the same sums bit for bit.
     */
    private final double[] widened;
    private boolean widenedStale = true;

    /**
     * Glorot-uniform weights scaled by {@code initScale}, zero bias, optimiser slots at their initial values.
     *
     * @param random drawn from in row-major order, so the same seed gives the same layer
     */
    DenseLayer(final int fanIn, final int fanOut, final Optimizer optimizer, final SplittableRandom random,
               final double initScale) {
        this.fanIn = fanIn;
        this.fanOut = fanOut;
        this.weights = new float[fanIn * fanOut];
        this.bias = new float[fanOut];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Initialisers.glorotUniform(random, fanIn, fanOut, initScale);
        }
        this.widened = new double[weights.length];
        this.weightState = newState(optimizer, weights.length);
        this.biasState = newState(optimizer, bias.length);
    }

    /** Call after {@code weights} changed (a step, a restore, a parameter sync): prediction re-reads them. */
    void markChanged() {
        widenedStale = true;
    }

    /** {@code out[j] = b[j] + sum_i in[i] W[i][j]}, in double precision (the per-event path). */
    void preActivation(final double[] in, final double[] out) {
        if (widenedStale) {
            for (int k = 0; k < weights.length; k++) {
                widened[k] = weights[k];
            }
            widenedStale = false;
        }
        final double[] w = widened;
        for (int j = 0; j < fanOut; j++) {
            out[j] = bias[j];
        }
        for (int i = 0; i < fanIn; i++) {
            final double x = in[i];
            if (x == 0.0) {
                continue;
            }
            final int row = i * fanOut;
            for (int j = 0; j < fanOut; j++) {
                out[j] += x * w[row + j];
            }
        }
    }

    int parameterCount() {
        return weights.length + bias.length;
    }

    static float[][] newState(final Optimizer optimizer, final int length) {
        final float[][] state = new float[optimizer.slots()][length];
        for (int s = 0; s < state.length; s++) {
            Arrays.fill(state[s], optimizer.initialSlotValue(s));
        }
        return state;
    }
}
