package dev.streamrec.optim;

/** Plain stochastic gradient descent: {@code w -= lr * g}. */
public record Sgd(float learningRate) implements Optimizer {
    public Sgd {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
    }

    @Override
    public int slots() {
        return 0;
    }

    @Override
    public void step(final float[] params, final float[] grads, final float[][] state, final int from, final int to,
                     final long step) {
        for (int i = from; i < to; i++) {
            params[i] -= learningRate * grads[i];
        }
    }
}
