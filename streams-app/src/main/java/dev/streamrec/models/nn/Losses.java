package dev.streamrec.models.nn;

/**
 * The output-side functions both towers (LC-W&amp;D and DeepMix) use: the logistic link and the two losses on the
 * unclamped score z. Gradients: {@code dL/dz = sigmoid(z) - y} for the log loss, {@code z - y} for the squared loss.
 */
public final class Losses {
    private Losses() {
    }

    /** {@code 1 / (1 + e^-z)}, in the form that never overflows. */
    public static double sigmoid(final double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    /** {@code -[y log s(z) + (1-y) log(1 - s(z))] = log(1 + e^z) - y z}, computed stably. */
    public static double logLoss(final double z, final double y) {
        return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** {@code (z - y)^2 / 2}. */
    public static double squaredLoss(final double z, final double y) {
        final double e = z - y;
        return 0.5 * e * e;
    }
}
