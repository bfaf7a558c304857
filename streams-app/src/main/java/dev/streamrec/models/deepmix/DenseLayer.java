package dev.streamrec.models.deepmix;

import dev.streamrec.models.RowOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected layer over a mini-batch, {@code h = act(x W + b)} with {@code W} in x out, ReLU or identity.
 * Keeps the activations of the last training forward pass for {@link #backward}.
 */
final class DenseLayer implements Layer {
    private final DenseParams params;
    private final int w;
    private final int b;
    private final int out;
    private final boolean relu;
    private INDArray x;
    private INDArray h;

    DenseLayer(final DenseParams params, final String name, final int in, final int out, final boolean relu) {
        this.params = params;
        this.out = out;
        this.relu = relu;
        this.w = params.add(name + ".W", in, out, DenseParams.Init.GLOROT);
        this.b = params.add(name + ".b", 1, out, DenseParams.Init.ZERO);
    }

    @Override
    public int outDim() {
        return out;
    }

    @Override
    public INDArray forward(final INDArray input, final boolean keep) {
        final INDArray z = RowOps.addRowVector(Nd4j.gemm(input, params.param(w), false, false), params.param(b));
        final INDArray y = relu ? Transforms.relu(z, false) : z;
        if (keep) {
            x = input;
            h = y;
        }
        return y;
    }

    @Override
    public float[] forwardRow(final float[] input) {
        final float[] y = params.rowTimes(input, w, b);
        if (relu) {
            for (int j = 0; j < y.length; j++) {
                y[j] = Math.max(y[j], 0f);
            }
        }
        return y;
    }

    @Override
    public INDArray backward(final INDArray dy) {
        final INDArray dz = relu ? dy.mul(Transforms.sign(h, true)) : dy;
        params.grad(w).assign(Nd4j.gemm(x, dz, true, false));
        params.grad(b).assign(RowOps.columnSums(dz));
        return Nd4j.gemm(dz, params.param(w), false, true);
    }
}
