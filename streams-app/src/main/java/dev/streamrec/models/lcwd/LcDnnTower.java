package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.RowOps;
import dev.streamrec.models.params.DenseTensor;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.Optimizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deep part of one task: a locally connected DNN (Chen et al. 2017, Fig. 4b and Eq. 1):
 * <pre>
 *   l0 = M1^T x                 (M1 "diagonal" d x f: l0[g] = sum of M1[i] x_i over active features i of group g)
 *   l1 = g(M2^T l0 + b1)        (M2 is f x K1)
 *   l2 = g(W2^T l1 + b2) ...    (further hidden layers)
 *   deep(x) = w_out^T l_last + b_out
 * </pre>
 * The per-event forward pass ({@link #deepOutput}) runs in plain Java in double precision; the mini-batch forward
 * and backward pass ({@link #gradients}) runs in ND4J, one gemm per layer and direction, with the sparse M1 gather
 * and scatter in plain arrays. Bias gradients are gemms with a ones row (no ND4J reductions), so results do not
 * depend on thread scheduling. Not thread-safe.
 */
final class LcDnnTower {
    private final Task task;
    private final Head head;
    private final int groups;
    private final Activation activation;
    private final Optimizer optimizer;
    private final LinearWeights linear;
    private final SparseRowTable m1;
    private final DenseLayer[] layers;
    private final DenseTensor[] tensors;
    private final double[] l0;
    private final double[][] activations;
    private int[] touchedSlots = new int[32];
    private DataType computeType = DataType.FLOAT;
    private long batchSteps;

    /**
     * @param seed seeds the dense initialisation; the two towers of one model get different derived seeds
     */
    LcDnnTower(final Task task, final LcwdConfig config, final LinearWeights linear, final long seed) {
        this.task = task;
        this.head = Head.of(task);
        this.groups = config.featureGroups();
        this.activation = config.activation();
        this.optimizer = config.deepOptimizer();
        this.linear = linear;
        this.m1 = new SparseRowTable(1, optimizer);
        final List<Integer> hidden = config.hiddenSizes();
        this.layers = new DenseLayer[hidden.size() + 1];
        final SplittableRandom random = new SplittableRandom(seed);
        int fanIn = groups;
        for (int l = 0; l <= hidden.size(); l++) {
            final int fanOut = l < hidden.size() ? hidden.get(l) : 1;
            layers[l] = new DenseLayer(fanIn, fanOut, optimizer, random, config.initScale());
            fanIn = fanOut;
        }
        this.tensors = new DenseTensor[2 * layers.length];
        for (int l = 0; l < layers.length; l++) {
            tensors[2 * l] = new DenseTensor(layers[l].weights, layers[l].weightState, 0, layers[l].weights.length,
                layers[l]::markChanged);
            tensors[2 * l + 1] = new DenseTensor(layers[l].bias, layers[l].biasState);
        }
        this.l0 = new double[groups];
        this.activations = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            activations[l] = new double[layers[l].fanOut];
        }
    }

    /**
     * Gives every feature of {@code x} an M1 entry, copied from the linear model's current weight when new, and
     * remembers the entries for {@link #deepOutputOfTouched}.
     */
    void touch(final SparseFeatures x) {
        if (touchedSlots.length < x.size()) {
            touchedSlots = new int[x.size()];
        }
        for (int j = 0; j < x.size(); j++) {
            final int index = x.index(j);
            int slot = m1.slot(index);
            if (slot < 0) {
                slot = m1.insert(index);
                m1.values()[slot] = (float) linear.weight(task, index);
            }
            touchedSlots[j] = slot;
        }
    }

    /** deep(x) with the current parameters; features without an M1 entry use the value {@link #touch} would copy. */
    double deepOutput(final SparseFeatures x) {
        Arrays.fill(l0, 0.0);
        for (int j = 0; j < x.size(); j++) {
            final int index = x.index(j);
            final int slot = m1.slot(index);
            final float w = slot >= 0 ? m1.values()[slot] : (float) linear.weight(task, index);
            l0[x.group(j)] += (double) w * x.value(j);
        }
        return dense();
    }

    /** {@link #deepOutput} of the features just passed to {@link #touch}, without looking their entries up again. */
    double deepOutputOfTouched(final SparseFeatures x) {
        Arrays.fill(l0, 0.0);
        final float[] values = m1.values();
        for (int j = 0; j < x.size(); j++) {
            l0[x.group(j)] += (double) values[touchedSlots[j]] * x.value(j);
        }
        return dense();
    }

    /** The dense layers on top of {@code l0}: {@code l1 = g(M2^T l0 + b1)}, ..., output (no activation). */
    private double dense() {
        double[] in = l0;
        for (int l = 0; l < layers.length; l++) {
            final double[] out = activations[l];
            layers[l].preActivation(in, out);
            if (l < layers.length - 1) {
                for (int k = 0; k < out.length; k++) {
                    out[k] = activation.apply(out[k]);
                }
            }
            in = out;
        }
        return in[0];
    }

    /**
     * Forward and backward pass over a mini-batch of the mean joint loss {@code (1/B) sum_b L(extra_b + deep(x_b),
     * y_b)}. Every feature must have an M1 entry (see {@link #touch}). Changes no parameter.
     *
     * @param extra per example, the part of the score outside the tower (wide output plus any offset)
     */
    TowerGradients gradients(final Example[] batch, final int count, final double[] extra) {
        final double[] l0Batch = new double[count * groups];
        for (int b = 0; b < count; b++) {
            final SparseFeatures x = batch[b].categorical();
            for (int j = 0; j < x.size(); j++) {
                l0Batch[b * groups + x.group(j)] += (double) m1.values()[requireSlot(x.index(j))] * x.value(j);
            }
        }
        final int depth = layers.length;
        final INDArray[] weights = new INDArray[depth];
        final INDArray[] inputs = new INDArray[depth];
        final INDArray[] preActivations = new INDArray[depth];
        INDArray a = array(l0Batch, count, groups);
        for (int l = 0; l < depth; l++) {
            final DenseLayer layer = layers[l];
            weights[l] = array(layer.weights, layer.fanIn, layer.fanOut);
            final INDArray z = RowOps.addRowVector(mm(a, weights[l], false, false), array(layer.bias, 1, layer.fanOut));
            inputs[l] = a;
            preActivations[l] = z;
            a = l < depth - 1 ? activation.forward(z) : z;
        }
        final double[] scores = a.data().asDouble();
        final double[] dScore = new double[count];
        double loss = 0.0;
        for (int b = 0; b < count; b++) {
            final double z = scores[b] + extra[b];
            loss += head.loss(z, batch[b].label());
            dScore[b] = head.gradient(z, batch[b].label()) / count;
        }
        final INDArray ones = Nd4j.ones(computeType, 1, count);
        final float[][] weightGrads = new float[depth][];
        final float[][] biasGrads = new float[depth][];
        INDArray delta = array(dScore, count, 1);
        for (int l = depth - 1; l >= 0; l--) {
            if (l < depth - 1) {
                delta = delta.muli(activation.derivative(preActivations[l], inputs[l + 1]));
            }
            weightGrads[l] = mm(inputs[l], delta, true, false).data().asFloat();
            biasGrads[l] = mm(ones, delta, false, false).data().asFloat();
            delta = mm(delta, weights[l], false, true);
        }
        final double[] dl0 = delta.data().asDouble();
        return m1Gradients(batch, count, dl0, weightGrads, biasGrads, loss / count);
    }

    /** Applies one optimiser step: dense tensors with the tower's batch-step count, M1 rows lazily per row. */
    void apply(final TowerGradients gradients) {
        batchSteps++;
        for (int l = 0; l < layers.length; l++) {
            final DenseLayer layer = layers[l];
            optimizer.step(layer.weights, gradients.weightGrads()[l], layer.weightState, 0, layer.weights.length,
                batchSteps);
            optimizer.step(layer.bias, gradients.biasGrads()[l], layer.biasState, 0, layer.bias.length, batchSteps);
            layer.markChanged();
            tensors[2 * l].markDirty();
            tensors[2 * l + 1].markDirty();
        }
        final int[] slots = gradients.m1Slots();
        for (int k = 0; k < slots.length; k++) {
            m1.step(slots[k], gradients.m1Grads()[k]);
        }
    }

    /** Registers M1 ({@code <prefix>.m1}) and each layer's {@code <prefix>.dense<l>.weight} and {@code .bias}. */
    void register(final ModelState state, final String prefix) {
        state.register(prefix + ".m1", m1);
        for (int l = 0; l < layers.length; l++) {
            state.register(prefix + ".dense" + l + ".weight", tensors[2 * l]);
            state.register(prefix + ".dense" + l + ".bias", tensors[2 * l + 1]);
        }
    }

    private TowerGradients m1Gradients(final Example[] batch, final int count, final double[] dl0,
                                       final float[][] weightGrads, final float[][] biasGrads, final double loss) {
        // dL/dM1[i] = sum over the batch of dL/dl0[group(i)] * x_i (the scatter of l0 = M1^T x).
        final IntSlotMap touched = new IntSlotMap();
        double[] sums = new double[64];
        for (int b = 0; b < count; b++) {
            final SparseFeatures x = batch[b].categorical();
            for (int j = 0; j < x.size(); j++) {
                final int position = touched.slotOrInsert(requireSlot(x.index(j)));
                if (position == sums.length) {
                    sums = Arrays.copyOf(sums, 2 * sums.length);
                }
                sums[position] += dl0[b * groups + x.group(j)] * x.value(j);
            }
        }
        final int[] slots = new int[touched.size()];
        final float[] grads = new float[touched.size()];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = touched.keyAt(k);
            grads[k] = (float) sums[k];
        }
        return new TowerGradients(weightGrads, biasGrads, slots, grads, loss);
    }

    private int requireSlot(final int index) {
        final int slot = m1.slot(index);
        if (slot < 0) {
            throw new IllegalStateException("no M1 entry for feature " + index + " of task " + task
                + "; touch() every example before its mini-batch step");
        }
        return slot;
    }

    private INDArray mm(final INDArray left, final INDArray right, final boolean transposeLeft,
                        final boolean transposeRight) {
        final long rows = transposeLeft ? left.columns() : left.rows();
        final long cols = transposeRight ? right.rows() : right.columns();
        final INDArray result = Nd4j.createUninitialized(computeType, new long[] {rows, cols}, 'c');
        return Nd4j.gemm(left, right, result, transposeLeft, transposeRight, 1.0, 0.0);
    }

    private INDArray array(final double[] data, final int rows, final int cols) {
        if (computeType == DataType.DOUBLE) {
            return Nd4j.create(data, new long[] {rows, cols}, DataType.DOUBLE);
        }
        final float[] copy = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            copy[i] = (float) data[i];
        }
        return Nd4j.create(copy, new long[] {rows, cols}, DataType.FLOAT);
    }

    private INDArray array(final float[] data, final int rows, final int cols) {
        if (computeType == DataType.FLOAT) {
            return Nd4j.create(data, new long[] {rows, cols}, DataType.FLOAT);
        }
        final double[] copy = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            copy[i] = data[i];
        }
        return Nd4j.create(copy, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** Test hook: DOUBLE makes the mini-batch pass exact enough for finite-difference checks. */
    void computeType(final DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("compute type must be FLOAT or DOUBLE, got " + type);
        }
        this.computeType = type;
    }

    Task task() {
        return task;
    }

    SparseRowTable m1() {
        return m1;
    }

    DenseLayer[] layers() {
        return layers;
    }

    long batchSteps() {
        return batchSteps;
    }

    void restoreBatchSteps(final long steps) {
        this.batchSteps = steps;
    }

    long parameterCount() {
        long count = m1.size();
        for (final DenseLayer layer : layers) {
            count += layer.parameterCount();
        }
        return count;
    }
}
