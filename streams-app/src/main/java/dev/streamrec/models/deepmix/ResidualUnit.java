package dev.streamrec.models.deepmix;

import dev.streamrec.models.RowOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Deep Crossing's residual unit (Shan et al. 2016, eq. 1): {@code y = ReLU(F(x) + x)} with the two-layer
 * {@code F(x) = ReLU(x W1 + b1) W2 + b2}; width in = out = d, inner width h.
 */
final class ResidualUnit implements Layer {
    private final DenseParams params;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final int dim;
    private INDArray x;
    private INDArray a;
    private INDArray y;

    ResidualUnit(final DenseParams params, final String name, final int dim, final int inner) {
        this.params = params;
        this.dim = dim;
        this.w1 = params.add(name + ".W1", dim, inner, DenseParams.Init.GLOROT);
        this.b1 = params.add(name + ".b1", 1, inner, DenseParams.Init.ZERO);
        this.w2 = params.add(name + ".W2", inner, dim, DenseParams.Init.GLOROT);
        this.b2 = params.add(name + ".b2", 1, dim, DenseParams.Init.ZERO);
    }

    @Override
    public int outDim() {
        return dim;
    }

    @Override
    public INDArray forward(final INDArray input, final boolean keep) {
        final INDArray hidden = Transforms.relu(
            RowOps.addRowVector(Nd4j.gemm(input, params.param(w1), false, false), params.param(b1)), false);
        final INDArray out = Transforms.relu(
            RowOps.addRowVector(Nd4j.gemm(hidden, params.param(w2), false, false), params.param(b2)).addi(input), false);
        if (keep) {
            x = input;
            a = hidden;
            y = out;
        }
        return out;
    }

    @Override
    public float[] forwardRow(final float[] input) {
        final float[] hidden = params.rowTimes(input, w1, b1);
        for (int j = 0; j < hidden.length; j++) {
            hidden[j] = Math.max(hidden[j], 0f);
        }
        final float[] out = params.rowTimes(hidden, w2, b2);
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(out[j] + input[j], 0f);
        }
        return out;
    }

    @Override
    public INDArray backward(final INDArray dy) {
        final INDArray dz = dy.mul(Transforms.sign(y, true));
        params.grad(w2).assign(Nd4j.gemm(a, dz, true, false));
        params.grad(b2).assign(RowOps.columnSums(dz));
        final INDArray da = Nd4j.gemm(dz, params.param(w2), false, true).muli(Transforms.sign(a, true));
        params.grad(w1).assign(Nd4j.gemm(x, da, true, false));
        params.grad(b1).assign(RowOps.columnSums(da));
        return Nd4j.gemm(da, params.param(w1), false, true).addi(dz);
    }
}
