package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer over a mini-batch, {@code h = act(x W + b)} with {@code W} in x out, ReLU or identity.
 * The output lives in a buffer reused across batches (valid until the next forward); the layer keeps the input
 * of the last forward pass for {@link #backward}.
 */
final class DenseLayer implements Layer {
    private final DenseParams params;
    private final int w;
    private final int b;
    private final int out;
    private final boolean relu;
    private final BatchBuffer ones;
    private final BatchBuffer output;
    private final BatchBuffer inputGradient;
    private final RowBuffer rowOut;
    private final HostRows activations = new HostRows();
    private final HostRows gradients = new HostRows();
    private final float[] partial;
    private INDArray x;

    DenseLayer(final DenseParams params, final String name, final int in, final int out, final boolean relu) {
        this.params = params;
        this.out = out;
        this.relu = relu;
        this.w = params.add(name + ".W", in, out, DenseParams.Init.GLOROT);
        this.b = params.add(name + ".b", 1, out, DenseParams.Init.ZERO);
        this.ones = new BatchBuffer(params.dtype(), 1, 1.0);
        this.output = new BatchBuffer(params.dtype(), out);
        this.inputGradient = new BatchBuffer(params.dtype(), in);
        this.rowOut = new RowBuffer(out);
        this.partial = new float[out];
    }

    @Override
    public int outDim() {
        return out;
    }

    @Override
    public INDArray forward(final INDArray input, final boolean keep) {
        final int n = input.rows();
        final INDArray y = output.rows(n);
        Gemm.gemm(ones.rows(n), false, params.param(b), false, y, 1.0, 0.0);
        Gemm.gemm(input, false, params.param(w), false, y, 1.0, 1.0);
        if (relu) {
            final double[] a = activations.load(y);
            for (int i = 0; i < n * out; i++) {
                a[i] = Math.max(a[i], 0.0);
            }
            activations.store(y);
        }
        x = input;
        return y;
    }

    @Override
    public float[][] forwardRows(final float[][] input, final int n) {
        final float[][] y = rowOut.rows(n);
        RowProduct.multiply(input, n, params.rows(w), params.rows(b)[0], out, y);
        if (relu) {
            for (int e = 0; e < n; e++) {
                final float[] ye = y[e];
                for (int j = 0; j < out; j++) {
                    ye[j] = Math.max(ye[j], 0f);
                }
            }
        }
        return y;
    }

    /**
     * {@link #forwardRows} of one row through {@link RowProduct#multiplySplit}, with the same bits: keeps
     * {@code bias + x[0, split) W} of this call, or (with {@code resume}) reuses the one kept by the last call
     * without it, which the caller guarantees was computed from the same parameters and the same first
     * {@code split} inputs. The row lives in this layer's buffer until its next call.
     */
    float[][] forwardRowSplit(final float[] input, final int split, final boolean resume) {
        final float[][] y = rowOut.rows(1);
        RowProduct.multiplySplit(input, params.rows(w), params.rows(b)[0], out, split, resume, partial, y[0]);
        if (relu) {
            final float[] y0 = y[0];
            for (int j = 0; j < out; j++) {
                y0[j] = Math.max(y0[j], 0f);
            }
        }
        return y;
    }

    /** Overwrites {@code dy} with dL/dz (zero where the ReLU was off). */
    @Override
    public INDArray backward(final INDArray dy) {
        final int n = dy.rows();
        if (relu) {
            final double[] a = activations.values();
            final double[] d = gradients.load(dy);
            for (int i = 0; i < n * out; i++) {
                d[i] = a[i] > 0.0 ? d[i] : 0.0;
            }
            gradients.store(dy);
        }
        Gemm.gemm(x, true, dy, false, params.grad(w), 1.0, 0.0);
        Gemm.gemm(ones.rows(n), true, dy, false, params.grad(b), 1.0, 0.0);
        final INDArray dx = inputGradient.rows(n);
        Gemm.gemm(dy, false, params.param(w), true, dx, 1.0, 0.0);
        return dx;
    }
}
