package dev.streamrec.models.deepmix;

import dev.streamrec.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense part of DeepMix over a mini-batch of stacked inputs x0 (B x inputDim): the DNN (plain ReLU layers or
 * residual units), the CrossNetMix layers, and a linear scoring layer with one logit per head.
 *
 * <p>Wiring {@code STACKED} (the paper's Embedding, Stacking, DNN, CrossNetMix, Scoring): the cross net's x0 is the
 * DNN output. Wiring {@code PARALLEL} (DCN-V2): cross(x0) and DNN(x0) side by side, concatenated before scoring.
 */
final class DeepMixNetwork {
    private final DeepMixConfig.Wiring wiring;
    private final DenseParams params;
    private final List<Layer> dnn = new ArrayList<>();
    private final List<CrossNetMixLayer> cross = new ArrayList<>();
    private final DenseLayer head;
    private final int dnnOut;
    private final int crossDim;
    private final int rank;
    private final long macsPerRow;
    private final BatchBuffer inputs;
    private final BatchBuffer logitGradients;
    private final BatchBuffer crossInputGradient;
    private final BatchBuffer parallelTop;
    private final RowBuffer parallelRows;
    private final float[][] oneRow = new float[1][];
    private final HostRows crossInRows = new HostRows();
    private final HostRows crossOutRows = new HostRows();

    /**
     * @param inputDim width of the stacked x0
     * @param outputs  logits of the scoring layer
     * @param seed     seed of the dense initialisation
     */
    DeepMixNetwork(final int inputDim, final int outputs, final DeepMixConfig config, final DataType dtype,
                   final long seed, final String name) {
        this.wiring = config.wiring();
        this.params = new DenseParams(dtype);
        int width = inputDim;
        int index = 0;
        for (final int hidden : config.hiddenSizes()) {
            final Layer layer = config.dnnKind() == DeepMixConfig.DnnKind.PLAIN
                ? new DenseLayer(params, name + ".dnn" + index, width, hidden, true)
                : new ResidualUnit(params, name + ".res" + index, width, hidden);
            dnn.add(layer);
            width = layer.outDim();
            index++;
        }
        this.dnnOut = width;
        this.crossDim = wiring == DeepMixConfig.Wiring.STACKED ? dnnOut : inputDim;
        this.rank = Math.min(config.rank(), crossDim);
        for (int l = 0; l < config.crossLayers(); l++) {
            cross.add(new CrossNetMixLayer(params, name + ".cross" + l, crossDim, config.experts(), rank));
        }
        final int headIn = wiring == DeepMixConfig.Wiring.STACKED ? dnnOut : crossDim + dnnOut;
        long macs = (long) headIn * outputs;
        int in = inputDim;
        for (final int hidden : config.hiddenSizes()) {
            macs += config.dnnKind() == DeepMixConfig.DnnKind.PLAIN ? (long) in * hidden : 2L * in * hidden;
            in = config.dnnKind() == DeepMixConfig.DnnKind.PLAIN ? hidden : in;
        }
        final long wide = (long) config.experts() * rank;
        macs += config.crossLayers() * (2 * crossDim * wide + wide * rank + crossDim * config.experts()
            + config.experts() * wide);
        this.macsPerRow = macs;
        this.head = new DenseLayer(params, name + ".head", headIn, outputs, false);
        this.inputs = new BatchBuffer(dtype, inputDim);
        this.logitGradients = new BatchBuffer(dtype, outputs);
        this.crossInputGradient = new BatchBuffer(dtype, crossDim);
        this.parallelTop = new BatchBuffer(dtype, headIn);
        this.parallelRows = new RowBuffer(headIn);
        final Optimizer optimizer = config.newOptimizer();
        params.allocate(seed, optimizer.slots(), optimizer);
    }

    DenseParams params() {
        return params;
    }

    /** Multiply-adds of the forward gemms per example (backward costs twice that). */
    long forwardMacsPerRow() {
        return macsPerRow;
    }

    /** The expert rank actually used (r clamped to the cross width). */
    int rank() {
        return rank;
    }

    /**
     * Logits (B x outputs) for a batch, in a buffer reused by the next forward; the activations stay for
     * {@link #backward}, which must follow before the next forward. {@code x0} must stay unchanged until then.
     */
    INDArray forward(final INDArray x0, final boolean keep) {
        INDArray h = x0;
        for (final Layer layer : dnn) {
            h = layer.forward(h, keep);
        }
        final INDArray crossIn = wiring == DeepMixConfig.Wiring.STACKED ? h : x0;
        INDArray xl = crossIn;
        for (final CrossNetMixLayer layer : cross) {
            xl = layer.forward(crossIn, xl, keep);
        }
        final INDArray top = wiring == DeepMixConfig.Wiring.STACKED ? xl : concat(xl, h);
        return head.forward(top, keep);
    }

    private INDArray concat(final INDArray cross, final INDArray deep) {
        final INDArray top = parallelTop.rows(cross.rows());
        top.get(NDArrayIndex.all(), NDArrayIndex.interval(0, crossDim)).assign(cross);
        top.get(NDArrayIndex.all(), NDArrayIndex.interval(crossDim, crossDim + dnnOut)).assign(deep);
        return top;
    }

    /** {@link #forward} for one example in plain float arithmetic on the master parameters: the logits. */
    float[] forwardRow(final float[] x0) {
        oneRow[0] = x0;
        return forwardRows(oneRow, 1)[0];
    }

    /**
     * {@link #forwardRow} for the first {@code n} rows of {@code x0}, each row's logits bit-identical to that row
     * scored alone ({@link RowProduct}); they live in the head's buffer until the next call.
     */
    float[][] forwardRows(final float[][] x0, final int n) {
        return forwardRowsAfterFirst(x0, dnn.get(0).forwardRows(x0, n), n);
    }

    /**
     * {@link #forwardRow} with the same bits, through the first DNN layer's split product
     * ({@link DenseLayer#forwardRowSplit}): keeps its partial sum over the first {@code split} inputs, or with
     * {@code resume} reuses the kept one (the caller guarantees the same parameter generation and the same first
     * {@code split} inputs). A first layer of another kind runs {@link #forwardRow} unchanged.
     */
    float[] forwardRow(final float[] x0, final int split, final boolean resume) {
        if (!(dnn.get(0) instanceof DenseLayer first)) {
            return forwardRow(x0);
        }
        oneRow[0] = x0;
        return forwardRowsAfterFirst(oneRow, first.forwardRowSplit(x0, split, resume), 1)[0];
    }

    /** {@link #forwardRows} from the first DNN layer's output {@code first} on. */
    private float[][] forwardRowsAfterFirst(final float[][] x0, final float[][] first, final int n) {
        float[][] h = first;
        for (int l = 1; l < dnn.size(); l++) {
            h = dnn.get(l).forwardRows(h, n);
        }
        final float[][] crossIn = wiring == DeepMixConfig.Wiring.STACKED ? h : x0;
        float[][] xl = crossIn;
        for (final CrossNetMixLayer layer : cross) {
            xl = layer.forwardRows(crossIn, xl, n);
        }
        if (wiring == DeepMixConfig.Wiring.PARALLEL) {
            final float[][] top = parallelRows.rows(n);
            for (int e = 0; e < n; e++) {
                System.arraycopy(xl[e], 0, top[e], 0, crossDim);
                System.arraycopy(h[e], 0, top[e], crossDim, dnnOut);
            }
            xl = top;
        }
        return head.forwardRows(xl, n);
    }

    /**
     * Fills every parameter gradient from dL/dlogits and returns dL/dx0 (for the embeddings) in a buffer reused by
     * the next backward. Overwrites {@code dLogits} and the activations of the forward pass.
     */
    INDArray backward(final INDArray dLogits) {
        final INDArray dTop = head.backward(dLogits);
        final INDArray dCrossOut;
        INDArray dDnnOut;
        if (wiring == DeepMixConfig.Wiring.STACKED) {
            dCrossOut = dTop;
            dDnnOut = null;
        } else {
            dCrossOut = dTop.get(NDArrayIndex.all(), NDArrayIndex.interval(0, crossDim)).dup();
            dDnnOut = dTop.get(NDArrayIndex.all(), NDArrayIndex.interval(crossDim, crossDim + dnnOut)).dup();
        }
        final INDArray dCrossIn = crossInputGradient.rows(dTop.rows());
        INDArray d = dCrossOut;
        for (int l = cross.size() - 1; l >= 0; l--) {
            d = cross.get(l).backward(d, dCrossIn, l < cross.size() - 1);
        }
        if (cross.isEmpty()) {
            dCrossIn.assign(d);
        } else {
            final double[] sum = crossInRows.load(dCrossIn);
            final double[] last = crossOutRows.load(d);
            for (int i = 0; i < dTop.rows() * crossDim; i++) {
                sum[i] += last[i];
            }
            crossInRows.store(dCrossIn);
        }
        if (wiring == DeepMixConfig.Wiring.STACKED) {
            dDnnOut = dCrossIn;
        }
        for (int l = dnn.size() - 1; l >= 0; l--) {
            dDnnOut = dnn.get(l).backward(dDnnOut);
        }
        return wiring == DeepMixConfig.Wiring.STACKED ? dDnnOut : dDnnOut.addi(dCrossIn);
    }

    /** A B x d matrix of the network's dtype from row-major floats (a new array). */
    INDArray matrix(final float[] rowMajor, final int rows, final int cols) {
        final INDArray m = HostBuffers.create(params.dtype(), rows, cols);
        HostBuffers.write(rowMajor, 0, m);
        return m;
    }

    /** The stacked inputs x0 (B x inputDim) from row-major floats, in the buffer {@link #forward} reads next. */
    INDArray inputs(final float[] rowMajor, final int rows) {
        final INDArray m = inputs.rows(rows);
        HostBuffers.write(rowMajor, 0, m);
        return m;
    }

    /** dL/dlogits (B x outputs) from row-major floats, in the buffer {@link #backward} reads next. */
    INDArray logitGradients(final float[] rowMajor, final int rows) {
        final INDArray m = logitGradients.rows(rows);
        HostBuffers.write(rowMajor, 0, m);
        return m;
    }

    /** Row-major floats of a matrix. */
    static float[] floats(final INDArray m) {
        final float[] out = new float[Math.toIntExact(m.length())];
        HostBuffers.read(own(m), out);
        return out;
    }

    /** Row-major doubles of a matrix. */
    static double[] doubles(final INDArray m) {
        final double[] out = new double[Math.toIntExact(m.length())];
        HostBuffers.read(own(m), out);
        return out;
    }

    /** {@code m} itself when it owns a dense row-major buffer, else a row-major copy (views of the flat tensors). */
    private static INDArray own(final INDArray m) {
        return !m.isView() && m.offset() == 0 && m.ordering() == 'c' && m.data().length() == m.length() ? m
            : m.dup('c');
    }
}
