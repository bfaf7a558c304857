package dev.streamrec.optim;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1, in the efficient form of their Sec. 2): {@code m = b1 m + (1-b1) g;
 * v = b2 v + (1-b2) g^2; w -= lr sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps)}, which equals
 * {@code lr * m_hat / (sqrt(v_hat) + eps_hat)} with {@code eps_hat = eps sqrt(1-b2^t)}. Slot 0 is m, slot 1 is v.
 * For sparse rows updated lazily, {@code step} is the row's own update count.
 */
public record Adam(float learningRate, float beta1, float beta2, float epsilon) implements Optimizer {
    public Adam {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
        }
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f) || !(epsilon > 0f)
            || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("need 0 <= beta1, beta2 < 1 and finite epsilon > 0, got beta1=" + beta1
                + " beta2=" + beta2 + " epsilon=" + epsilon);
        }
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public void step(final float[] params, final float[] grads, final float[][] state, final int from, final int to,
                     final long step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam step is 1-based, got " + step);
        }
        final float[] m = state[0];
        final float[] v = state[1];
        final double correction1 = 1.0 - Math.pow(beta1, step);
        final double correction2 = 1.0 - Math.pow(beta2, step);
        final float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        for (int i = from; i < to; i++) {
            final float g = grads[i];
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            params[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
        }
    }
}
