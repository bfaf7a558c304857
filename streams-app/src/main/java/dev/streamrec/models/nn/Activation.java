package dev.streamrec.models.nn;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hidden-layer non-linearity g of a tower (LC-DNN's g), in two forms that must agree: a scalar form for the per-event forward
 * pass in plain Java and an ND4J form for the mini-batch forward/backward pass.
 */
public enum Activation {
    /** {@code max(0, z)}; derivative 1 for z &gt; 0, else 0. */
    RELU {
        @Override
        public double apply(final double z) {
            return z > 0.0 ? z : 0.0;
        }

        @Override
        public INDArray forward(final INDArray z) {
            return Transforms.relu(z, true);
        }

        @Override
        public INDArray derivative(final INDArray z, final INDArray a) {
            return Transforms.step(z, true);
        }
    },
    /** {@code tanh(z)}; derivative {@code 1 - a^2}. */
    TANH {
        @Override
        public double apply(final double z) {
            return Math.tanh(z);
        }

        @Override
        public INDArray forward(final INDArray z) {
            return Transforms.tanh(z, true);
        }

        @Override
        public INDArray derivative(final INDArray z, final INDArray a) {
            return a.mul(a).rsubi(1.0);
        }
    },
    /** {@code 1 / (1 + e^-z)}; derivative {@code a (1 - a)}. */
    SIGMOID {
        @Override
        public double apply(final double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }

        @Override
        public INDArray forward(final INDArray z) {
            return Transforms.sigmoid(z, true);
        }

        @Override
        public INDArray derivative(final INDArray z, final INDArray a) {
            return a.rsub(1.0).muli(a);
        }
    };

    /** The scalar activation, in double precision. */
    public abstract double apply(double z);

    /** The activation of a batch of pre-activations, as a new array (the argument is left unchanged). */
    public abstract INDArray forward(INDArray z);

    /** g'(z) element-wise, as a new array, given the pre-activations z and the activations a = g(z). */
    public abstract INDArray derivative(INDArray z, INDArray a);

    /** Parses {@code relu}, {@code tanh} or {@code sigmoid} (any case). */
    public static Activation parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of relu, tanh, sigmoid",
                e);
        }
    }

    /** The lower-case name {@link #parse} accepts. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
