package dev.streamrec.optim;

/**
 * A first-order optimiser: immutable configuration plus an in-place {@link #step}. The optimiser holds no state;
 * its per-parameter state (AdaGrad's accumulator, Adam's moments) lives in {@link #slots()} flat arrays owned by the
 * caller, the same length as the parameters, so models persist parameters and optimiser state apart.
 */
public sealed interface Optimizer permits Sgd, AdaGrad, Adam {
    /** How many state arrays, each as long as the parameter array, this optimiser needs. */
    int slots();

    /**
     * Updates {@code params[from, to)} in place from {@code grads[from, to)}.
     *
     * @param state {@link #slots()} arrays indexed like {@code params}; updated in place
     * @param step  1-based count of updates applied to these parameters so far, this one included
     */
    void step(float[] params, float[] grads, float[][] state, int from, int to, long step);

    /** Initial value of slot {@code slot} (AdaGrad starts its accumulator above zero). */
    default float initialSlotValue(final int slot) {
        return 0f;
    }

    /** Parses {@code sgd}, {@code adagrad} or {@code adam} with the given learning rate and default constants. */
    static Optimizer of(final String name, final float learningRate) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> new Sgd(learningRate);
            case "adagrad" -> new AdaGrad(learningRate, 0.1f, 1e-8f);
            case "adam" -> new Adam(learningRate, 0.9f, 0.999f, 1e-8f);
            default -> throw new IllegalArgumentException(
                "unknown optimizer '" + name + "'; expected one of sgd, adagrad, adam");
        };
    }
}
