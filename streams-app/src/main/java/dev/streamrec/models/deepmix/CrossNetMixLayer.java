package dev.streamrec.models.deepmix;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One CrossNetMix layer, DCN-V2's mixture of low-rank cross experts (Wang et al. 2021, eq. 3-4), over a mini-batch:
 * <pre>
 *   x_{l+1} = sum_i g_i(x_l) E_i(x_l) + x_l,   E_i(x_l) = x0 ⊙ (U_i tanh(C_i tanh(V_i^T x_l)) + b_l),
 *   g(x_l)  = softmax(G_l x_l) over the K experts.
 * </pre>
 * Because the gates sum to one, {@code sum_i g_i E_i = x0 ⊙ (sum_i g_i U_i t2_i + b_l)}, so the K experts run as
 * three gemms on stacked matrices (row form): {@code V = [V_1..V_K]} (d x Kr), {@code C} block-diagonal (Kr x Kr,
 * block i = C_i^T; the products with C run block by block and only its diagonal blocks' gradient is ever written,
 * so the off-diagonal blocks stay exactly zero, {@link Gemm#timesBlockDiagonal}), {@code U} (Kr x d, block i =
 * U_i^T), gate weights {@code G} (d x K). The gemms go straight to BLAS ({@link Gemm}); the element-wise parts
 * (tanh, softmax, gating, the residual) run in Java on one copy of each work array ({@link HostRows}).
 */
final class CrossNetMixLayer {
    private final DenseParams params;
    private final int v;
    private final int c;
    private final int u;
    private final int g;
    private final int b;
    private final int experts;
    private final int rank;
    private final int wide;
    private final int dim;
    private final BatchBuffer ones;
    private final BatchBuffer t1;
    private final BatchBuffer t2;
    private final BatchBuffer gateLogits;
    private final BatchBuffer t2g;
    private final BatchBuffer p;
    private final BatchBuffer y;
    private final BatchBuffer dimGradient;
    private final BatchBuffer wideGradient;
    private final BatchBuffer gateGradient;
    private final BatchBuffer inputGradient;
    private final HostRows a1Rows = new HostRows();
    private final HostRows a2Rows = new HostRows();
    private final HostRows gateRows = new HostRows();
    private final HostRows wideRows = new HostRows();
    private final HostRows mixRows = new HostRows();
    private final HostRows x0Rows = new HostRows();
    private final HostRows dimRows = new HostRows();
    private final HostRows dyRows = new HostRows();
    private final HostRows smallRows = new HostRows();
    private final RowBuffer rowA1;
    private final RowBuffer rowA2;
    private final RowBuffer rowGates;
    private final RowBuffer rowOut;
    private final float[][][] cBlocks;
    private final float[] blockOut;
    private long blockGeneration = -1;
    private INDArray x;

    CrossNetMixLayer(final DenseParams params, final String name, final int dim, final int experts, final int rank) {
        this.params = params;
        this.experts = experts;
        this.rank = rank;
        this.wide = experts * rank;
        this.dim = dim;
        this.v = params.add(name + ".V", dim, wide, DenseParams.Init.GLOROT);
        this.c = params.add(name + ".C", wide, wide, DenseParams.Init.BLOCK_DIAGONAL_GLOROT, experts);
        this.u = params.add(name + ".U", wide, dim, DenseParams.Init.GLOROT);
        this.g = params.add(name + ".G", dim, experts, DenseParams.Init.GLOROT);
        this.b = params.add(name + ".b", 1, dim, DenseParams.Init.ZERO);
        this.ones = new BatchBuffer(params.dtype(), 1, 1.0);
        this.t1 = new BatchBuffer(params.dtype(), wide);
        this.t2 = new BatchBuffer(params.dtype(), wide);
        this.gateLogits = new BatchBuffer(params.dtype(), experts);
        this.t2g = new BatchBuffer(params.dtype(), wide);
        this.p = new BatchBuffer(params.dtype(), dim);
        this.y = new BatchBuffer(params.dtype(), dim);
        this.dimGradient = new BatchBuffer(params.dtype(), dim);
        this.wideGradient = new BatchBuffer(params.dtype(), wide);
        this.gateGradient = new BatchBuffer(params.dtype(), experts);
        this.inputGradient = new BatchBuffer(params.dtype(), dim);
        this.rowA1 = new RowBuffer(wide);
        this.rowA2 = new RowBuffer(wide);
        this.rowGates = new RowBuffer(experts);
        this.rowOut = new RowBuffer(dim);
        this.cBlocks = new float[experts][rank][rank];
        this.blockOut = new float[rank];
    }

    /**
     * {@code x_{l+1}} from the cross net's input {@code x0} and this layer's input {@code xl}; the result lives in
     * this layer's buffer until its next forward, and {@code x0In} and {@code xl} must stay unchanged until
     * {@link #backward}.
     */
    INDArray forward(final INDArray x0In, final INDArray xl, final boolean keep) {
        final int n = xl.rows();
        final INDArray a1 = Gemm.gemm(xl, false, params.param(v), false, t1.rows(n), 1.0, 0.0);
        a1Rows.loadTanh(a1, true);
        final double[] a2v = a2Rows.loadTanh(Gemm.timesBlockDiagonal(a1, params.param(c), false, t2.rows(n),
            experts), false);
        final double[] gate = gateRows.load(Gemm.gemm(xl, false, params.param(g), false, gateLogits.rows(n), 1.0,
            0.0));
        softmaxRows(gate, n);
        final INDArray gated = t2g.rows(n);
        final double[] gv = wideRows.resize(gated);
        for (int i = 0; i < n; i++) {
            // expert by expert: no integer division per element, the same products
            for (int k = 0; k < experts; k++) {
                final double gk = gate[i * experts + k];
                for (int j = i * wide + k * rank; j < i * wide + (k + 1) * rank; j++) {
                    gv[j] = a2v[j] * gk;
                }
            }
        }
        wideRows.store(gated);
        final INDArray mix = p.rows(n);
        Gemm.gemm(ones.rows(n), false, params.param(b), false, mix, 1.0, 0.0);
        final double[] pv = mixRows.load(Gemm.gemm(gated, false, params.param(u), false, mix, 1.0, 1.0));
        final double[] x0v = x0Rows.load(x0In);
        final double[] xlv = dimRows.load(xl);
        for (int i = 0; i < n * dim; i++) {
            xlv[i] += x0v[i] * pv[i];
        }
        final INDArray out = y.rows(n);
        dimRows.store(out);
        x = xl;
        return out;
    }

    /** Softmax of every row of the n x K gate logits, in place. */
    private void softmaxRows(final double[] s, final int rows) {
        for (int r = 0; r < rows; r++) {
            final int off = r * experts;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < experts; j++) {
                max = Math.max(max, s[off + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < experts; j++) {
                s[off + j] = Math.exp(s[off + j] - max);
                sum += s[off + j];
            }
            for (int j = 0; j < experts; j++) {
                s[off + j] /= sum;
            }
        }
    }

    /**
     * {@link #forward} for {@code n} examples in plain float arithmetic (prediction path, {@link RowProduct}; C's
     * zero blocks skipped); each row bit-identical to that row scored alone. The rows live in this layer's buffer
     * until its next call.
     */
    float[][] forwardRows(final float[][] x0In, final float[][] xl, final int n) {
        final float[][] a1 = rowA1.rows(n);
        RowProduct.multiply(xl, n, params.rows(v), null, wide, a1);
        final float[][] s = rowGates.rows(n);
        RowProduct.multiply(xl, n, params.rows(g), null, experts, s);
        final float[][] a2 = rowA2.rows(n);
        final float[][][] blocks = blocks();
        for (int e = 0; e < n; e++) {
            final float[] a1e = a1[e];
            RowTanh.inPlace(a1e, wide);
            blockDiagonal(a1e, blocks, a2[e]);
            final float[] se = s[e];
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < experts; k++) {
                max = Math.max(max, se[k]);
            }
            float sum = 0f;
            for (int k = 0; k < experts; k++) {
                se[k] = (float) Math.exp(se[k] - max);
                sum += se[k];
            }
            final float[] a2e = a2[e];
            RowTanh.inPlace(a2e, wide);
            for (int k = 0; k < experts; k++) {
                final float gk = se[k] / sum;
                for (int j = k * rank; j < (k + 1) * rank; j++) {
                    a2e[j] *= gk;
                }
            }
        }
        final float[][] y = rowOut.rows(n);
        RowProduct.multiply(a2, n, params.rows(u), params.rows(b)[0], dim, y);
        for (int e = 0; e < n; e++) {
            final float[] ye = y[e];
            final float[] x0e = x0In[e];
            final float[] xle = xl[e];
            for (int j = 0; j < dim; j++) {
                ye[j] = x0e[j] * ye[j] + xle[j];
            }
        }
        return y;
    }

    /** C's diagonal blocks as {@code rank x rank} rows of their own (the layout C2 vectorises), kept current. */
    private float[][][] blocks() {
        if (blockGeneration != params.generation()) {
            final float[][] cw = params.rows(c);
            for (int k = 0; k < experts; k++) {
                for (int i = 0; i < rank; i++) {
                    System.arraycopy(cw[k * rank + i], k * rank, cBlocks[k][i], 0, rank);
                }
            }
            blockGeneration = params.generation();
        }
        return cBlocks;
    }

    /**
     * {@code out = a C} over C's diagonal blocks only: per block, {@link RowProduct}'s order without its zero skip.
     */
    private void blockDiagonal(final float[] a, final float[][][] blocks, final float[] out) {
        final float[] part = blockOut;
        for (int k = 0; k < experts; k++) {
            final float[][] cb = blocks[k];
            final int from = k * rank;
            java.util.Arrays.fill(part, 0f);
            int i = 0;
            for (; i + 4 <= rank; i += 4) {
                final float x0 = a[from + i];
                final float x1 = a[from + i + 1];
                final float x2 = a[from + i + 2];
                final float x3 = a[from + i + 3];
                final float[] w0 = cb[i];
                final float[] w1 = cb[i + 1];
                final float[] w2 = cb[i + 2];
                final float[] w3 = cb[i + 3];
                for (int j = 0; j < rank; j++) {
                    part[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                }
            }
            for (; i < rank; i++) {
                final float xi = a[from + i];
                final float[] wi = cb[i];
                for (int j = 0; j < rank; j++) {
                    part[j] += xi * wi[j];
                }
            }
            System.arraycopy(part, 0, out, from, rank);
        }
    }

    /** tanh through one {@code Math.exp} (an intrinsic; ~2.5x faster than {@code Math.tanh}, error ~1e-16). */
    static double tanh(final double x) {
        final double e = Math.exp(-2.0 * Math.abs(x));
        final double t = (1.0 - e) / (1.0 + e);
        return x < 0 ? -t : t;
    }

    /**
     * Back-propagates {@code dy}: writes the parameter gradients, adds dL/dx0 into {@code dx0} (or, unless
     * {@code accumulate}, writes it there) and returns dL/dx_l (in this layer's buffer). Overwrites the
     * activations kept by {@link #forward}.
     */
    INDArray backward(final INDArray dy, final INDArray dx0, final boolean accumulate) {
        final int n = dy.rows();
        final double[] dyv = dyRows.load(dy);
        final double[] pv = mixRows.values();
        final double[] x0v = x0Rows.values();
        final double[] dx0v = accumulate ? dimRows.load(dx0) : dimRows.resize(dx0);
        for (int i = 0; i < n * dim; i++) {
            dx0v[i] = (accumulate ? dx0v[i] : 0.0) + dyv[i] * pv[i];
        }
        dimRows.store(dx0);
        for (int i = 0; i < n * dim; i++) {
            dx0v[i] = dyv[i] * x0v[i];
        }
        final INDArray dp = dimGradient.rows(n);
        dimRows.store(dp);
        Gemm.gemm(ones.rows(n), true, dp, false, params.grad(b), 1.0, 0.0);
        Gemm.gemm(t2g.rows(n), true, dp, false, params.grad(u), 1.0, 0.0);
        final INDArray dt2g = Gemm.gemm(dp, false, params.param(u), true, wideGradient.rows(n), 1.0, 0.0);
        final double[] dtv = wideRows.load(dt2g);
        final double[] a2v = a2Rows.values();
        final double[] gate = gateRows.values();
        final INDArray ds = gateGradient.rows(n);
        final double[] dsv = smallRows.resize(ds);
        for (int i = 0; i < n; i++) {
            double dot = 0.0;
            for (int e = 0; e < experts; e++) {
                double dg = 0.0;
                for (int j = e * rank; j < (e + 1) * rank; j++) {
                    dg += dtv[i * wide + j] * a2v[i * wide + j];
                }
                dsv[i * experts + e] = dg;
                dot += dg * gate[i * experts + e];
            }
            for (int e = 0; e < experts; e++) {
                dsv[i * experts + e] = (dsv[i * experts + e] - dot) * gate[i * experts + e];
            }
            for (int k = 0; k < experts; k++) {
                final double gk = gate[i * experts + k];
                for (int j = i * wide + k * rank; j < i * wide + (k + 1) * rank; j++) {
                    final double t = a2v[j];
                    dtv[j] *= gk * (1.0 - t * t);
                }
            }
        }
        smallRows.store(ds);
        wideRows.store(dt2g);
        final INDArray dc = dt2g;
        Gemm.gemm(x, true, ds, false, params.grad(g), 1.0, 0.0);
        final INDArray a1 = t1.rows(n);
        Gemm.diagonalBlocksOfTransposedProduct(a1, dc, params.grad(c), experts);
        final INDArray da = Gemm.timesBlockDiagonal(dc, params.param(c), true, t2g.rows(n), experts);
        final double[] dav = wideRows.load(da);
        final double[] a1v = a1Rows.values();
        for (int i = 0; i < n * wide; i++) {
            dav[i] *= 1.0 - a1v[i] * a1v[i];
        }
        wideRows.store(da);
        Gemm.gemm(x, true, da, false, params.grad(v), 1.0, 0.0);
        final INDArray dx = inputGradient.rows(n);
        dyRows.store(dx);
        Gemm.gemm(da, false, params.param(v), true, dx, 1.0, 1.0);
        return Gemm.gemm(ds, false, params.param(g), true, dx, 1.0, 1.0);
    }
}
