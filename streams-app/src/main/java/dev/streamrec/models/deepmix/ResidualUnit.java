package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.ndarray.INDArray;
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
    private final BatchBuffer ones;
    private final BatchBuffer hiddenOut;
    private final BatchBuffer output;
    private final BatchBuffer hiddenGradient;
    private final BatchBuffer inputGradient;
    private final int inner;
    private final RowBuffer rowHidden;
    private final RowBuffer rowOut;
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
        this.ones = new BatchBuffer(params.dtype(), 1, 1.0);
        this.hiddenOut = new BatchBuffer(params.dtype(), inner);
        this.output = new BatchBuffer(params.dtype(), dim);
        this.hiddenGradient = new BatchBuffer(params.dtype(), inner);
        this.inputGradient = new BatchBuffer(params.dtype(), dim);
        this.inner = inner;
        this.rowHidden = new RowBuffer(inner);
        this.rowOut = new RowBuffer(dim);
    }

    @Override
    public int outDim() {
        return dim;
    }

    @Override
    public INDArray forward(final INDArray input, final boolean keep) {
        final int n = input.rows();
        final INDArray one = ones.rows(n);
        final INDArray hidden = hiddenOut.rows(n);
        Gemm.gemm(one, false, params.param(b1), false, hidden, 1.0, 0.0);
        Gemm.gemm(input, false, params.param(w1), false, hidden, 1.0, 1.0);
        Transforms.relu(hidden, false);
        final INDArray out = output.rows(n).assign(input);
        Gemm.gemm(one, false, params.param(b2), false, out, 1.0, 1.0);
        Gemm.gemm(hidden, false, params.param(w2), false, out, 1.0, 1.0);
        Transforms.relu(out, false);
        x = input;
        a = hidden;
        y = out;
        return out;
    }

    @Override
    public float[][] forwardRows(final float[][] input, final int n) {
        final float[][] hidden = rowHidden.rows(n);
        RowProduct.multiply(input, n, params.rows(w1), params.rows(b1)[0], inner, hidden);
        for (int e = 0; e < n; e++) {
            final float[] he = hidden[e];
            for (int j = 0; j < inner; j++) {
                he[j] = Math.max(he[j], 0f);
            }
        }
        final float[][] out = rowOut.rows(n);
        RowProduct.multiply(hidden, n, params.rows(w2), params.rows(b2)[0], dim, out);
        for (int e = 0; e < n; e++) {
            final float[] oe = out[e];
            final float[] xe = input[e];
            for (int j = 0; j < dim; j++) {
                oe[j] = Math.max(oe[j] + xe[j], 0f);
            }
        }
        return out;
    }

    /** Overwrites {@code dy} (with dL/dz) and this unit's activations (with their ReLU masks). */
    @Override
    public INDArray backward(final INDArray dy) {
        final int n = dy.rows();
        final INDArray one = ones.rows(n);
        final INDArray dz = dy.muli(Transforms.sign(y, false));
        Gemm.gemm(a, true, dz, false, params.grad(w2), 1.0, 0.0);
        Gemm.gemm(one, true, dz, false, params.grad(b2), 1.0, 0.0);
        final INDArray da = hiddenGradient.rows(n);
        Gemm.gemm(dz, false, params.param(w2), true, da, 1.0, 0.0);
        da.muli(Transforms.sign(a, false));
        Gemm.gemm(x, true, da, false, params.grad(w1), 1.0, 0.0);
        Gemm.gemm(one, true, da, false, params.grad(b1), 1.0, 0.0);
        final INDArray dx = inputGradient.rows(n).assign(dz);
        Gemm.gemm(da, false, params.param(w1), true, dx, 1.0, 1.0);
        return dx;
    }
}
