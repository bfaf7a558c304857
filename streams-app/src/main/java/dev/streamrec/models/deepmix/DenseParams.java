package dev.streamrec.models.deepmix;

import dev.streamrec.models.nn.Initialisers;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.DenseTensor;
import dev.streamrec.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The dense tensors of one network in a single flat buffer: a {@code float[]} master copy that the
 * {@link Optimizer} updates in place, mirrored into one ND4J array whose per-tensor views the layers multiply with,
 * and a flat gradient array with the same layout. Optimiser state lives here too (named flat slots), never in a layer.
 *
 * <p>Usage: layers {@link #add} their tensors while the network is built, then {@link #allocate} fixes the layout
 * and initialises every tensor from the seed (Glorot-uniform weights, zero biases), deterministically.
 */
final class DenseParams {
    /** How a tensor starts. */
    enum Init { GLOROT, ZERO, BLOCK_DIAGONAL_GLOROT }

    private record Spec(String name, int rows, int cols, Init init, int blocks, int effective) { }

    private final DataType dtype;
    private final List<Spec> specs = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int size;
    private float[] master;
    private float[][] slots;
    private INDArray flat;
    private INDArray gradFlat;
    private final List<INDArray> views = new ArrayList<>();
    private final List<INDArray> gradViews = new ArrayList<>();
    private long steps;
    private long generation;
    private DenseTensor state;
    private final List<float[][]> rowCopies = new ArrayList<>();
    private float[] gradScratch;

    DenseParams(final DataType dtype) {
        this.dtype = dtype;
    }

    DataType dtype() {
        return dtype;
    }

    /** Registers a rows x cols tensor; returns its id. */
    int add(final String name, final int rows, final int cols, final Init init) {
        return add(name, rows, cols, init, 1);
    }

    /** Registers a tensor whose {@code blocks} diagonal blocks alone are parameters (the rest stays zero). */
    int add(final String name, final int rows, final int cols, final Init init, final int blocks) {
        if (master != null) {
            throw new IllegalStateException("tensor " + name + " added after allocate()");
        }
        final int effective = init == Init.BLOCK_DIAGONAL_GLOROT ? rows * cols / blocks : rows * cols;
        specs.add(new Spec(name, rows, cols, init, blocks, effective));
        offsets.add(size);
        size += rows * cols;
        return specs.size() - 1;
    }

    /** Fixes the layout and initialises every tensor from {@code seed}. */
    void allocate(final long seed, final int optimizerSlots, final Optimizer optimizer) {
        master = new float[size];
        for (int t = 0; t < specs.size(); t++) {
            final Spec s = specs.get(t);
            final SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * t + 7L);
            final int off = offsets.get(t);
            if (s.init() == Init.ZERO) {
                continue;
            }
            final int br = s.rows() / s.blocks();
            final int bc = s.cols() / s.blocks();
            for (int r = 0; r < s.rows(); r++) {
                for (int c = 0; c < s.cols(); c++) {
                    final boolean inBlock = s.init() != Init.BLOCK_DIAGONAL_GLOROT || r / br == c / bc;
                    master[off + r * s.cols() + c] = inBlock ? Initialisers.glorotUniform(random, br, bc, 1.0) : 0f;
                }
            }
        }
        slots = new float[optimizerSlots][size];
        for (int k = 0; k < optimizerSlots; k++) {
            java.util.Arrays.fill(slots[k], optimizer.initialSlotValue(k));
        }
        flat = HostBuffers.create(dtype, 1, Math.max(size, 1));
        gradFlat = HostBuffers.create(dtype, 1, Math.max(size, 1));
        for (int t = 0; t < specs.size(); t++) {
            final Spec s = specs.get(t);
            final long[] shape = {s.rows(), s.cols()};
            final long[] stride = {s.cols(), 1};
            views.add(Nd4j.create(flat.data(), shape, stride, offsets.get(t), 'c'));
            gradViews.add(Nd4j.create(gradFlat.data(), shape, stride, offsets.get(t), 'c'));
            rowCopies.add(new float[s.rows()][s.cols()]);
        }
        syncFromMaster();
        state = new DenseTensor(master, slots, 0, size, this::syncFromMaster);
    }

    /** Every tensor and its optimiser slots as one persisted flat tensor (the step count is the model's). */
    DenseTensor state() {
        return state;
    }

    /** The current value of tensor {@code id} (a view into the flat buffer). */
    INDArray param(final int id) {
        return views.get(id);
    }

    /** The gradient slot of tensor {@code id}; backward passes assign into it. */
    INDArray grad(final int id) {
        return gradViews.get(id);
    }

    /**
     * Tensor {@code id} as one {@code float[]} per row, a copy of the master refreshed by {@link #syncFromMaster}
     * (after every step and restore): the layout {@link RowProduct} multiplies with.
     */
    float[][] rows(final int id) {
        return rowCopies.get(id);
    }

    /** One optimiser step over every tensor from the flat gradient, then mirrors the master copy into ND4J. */
    void step(final Optimizer optimizer) {
        steps++;
        if (gradScratch == null) {
            gradScratch = new float[Math.max(size, 1)];
        }
        HostBuffers.read(gradFlat, gradScratch);
        optimizer.step(master, gradScratch, slots, 0, size, steps);
        syncFromMaster();
        state.markDirty();
    }

    /** Copies the float master into the ND4J mirror and the row copies (after restore or a step). */
    void syncFromMaster() {
        generation++;
        if (size > 0) {
            HostBuffers.write(master, 0, flat);
        }
        for (int t = 0; t < rowCopies.size(); t++) {
            final float[][] rows = rowCopies.get(t);
            final int cols = specs.get(t).cols();
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(master, offsets.get(t) + r * cols, rows[r], 0, cols);
            }
        }
    }

    /** Writes every tensor as {@code <prefix>.<name>} (rows x cols) and its optimiser slots as {@code .state<k>}. */
    void exportTensors(final TensorSink sink, final String prefix) {
        for (int t = 0; t < specs.size(); t++) {
            final Spec spec = specs.get(t);
            final int[] shape = {spec.rows(), spec.cols()};
            sink.dense(prefix + "." + spec.name(), shape, TensorSink.widen(master, offset(t), length(t)));
            for (int k = 0; k < slots.length; k++) {
                sink.dense(prefix + "." + spec.name() + ".state" + k, shape,
                    TensorSink.widen(slots[k], offset(t), length(t)));
            }
        }
    }

    int tensorCount() {
        return specs.size();
    }

    String name(final int id) {
        return specs.get(id).name();
    }

    int offset(final int id) {
        return offsets.get(id);
    }

    int length(final int id) {
        return specs.get(id).rows() * specs.get(id).cols();
    }

    int cols(final int id) {
        return specs.get(id).cols();
    }

    /** Parameters that can be non-zero (block-diagonal tensors count their blocks only). */
    long effectiveSize() {
        long n = 0;
        for (final Spec s : specs) {
            n += s.effective();
        }
        return n;
    }

    int size() {
        return size;
    }

    float[] master() {
        return master;
    }

    float[][] slots() {
        return slots;
    }

    /** Counts {@link #syncFromMaster} calls: predictions made at the same generation used the same parameters. */
    long generation() {
        return generation;
    }

    long steps() {
        return steps;
    }

    void setSteps(final long steps) {
        this.steps = steps;
    }
}
