package dev.streamrec.optim;

/**
 * AdaGrad (Duchi et al. 2011): {@code G += g^2; w -= lr * g / (sqrt(G) + eps)}. Slot 0 is G, which starts at
 * {@code initialAccumulator}.
 */
public record AdaGrad(float learningRate, float initialAccumulator, float epsilon) implements Optimizer {
    public AdaGrad {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        if (!(initialAccumulator >= 0f) || !Float.isFinite(initialAccumulator) || !(epsilon > 0f)
            || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("need finite initialAccumulator >= 0 and finite epsilon > 0, got "
                + initialAccumulator + " and " + epsilon);
        }
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public float initialSlotValue(final int slot) {
        return initialAccumulator;
    }

    @Override
    public void step(final float[] params, final float[] grads, final float[][] state, final int from, final int to,
                     final long step) {
        final float[] acc = state[0];
        for (int i = from; i < to; i++) {
            final float g = grads[i];
            acc[i] += g * g;
            params[i] -= learningRate * g / ((float) Math.sqrt(acc[i]) + epsilon);
        }
    }
}
