package dev.streamrec.models.lcwd;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import java.nio.BufferUnderflowException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * LC-W&amp;D (Chen et al. 2017, Sec. 2.2 "Extension to Wide &amp; Deep"): per task, score
 * {@code z = wide(x) + deep(x)} (+ {@link LcwdConfig#ratingOffset} for ratings), where deep is an
 * {@link LcDnnTower} and wide a {@link WideWeights}. CLICK predicts {@code sigmoid(z)} (log loss); RATING predicts z
 * clamped into [ratingMin, ratingMax] (squared loss on the unclamped z).
 *
 * <p>{@link #learn}: copies unseen features' M1 weights from the linear model, updates the wide part at once with
 * the joint-loss gradient {@code dL/dz * x_i}, and buffers a copy of the example; a full buffer (batch size) runs
 * one ND4J forward/backward pass of the mean joint loss (wide outputs recomputed with the current wide weights) and
 * one optimiser step of the deep part. {@link #predict} never changes state.
 *
 * <p>Persistence: see {@link LcwdStateCodec} for the keys. Only categorical features are used; numeric features
 * are ignored. Deterministic: the same config, linear weights and stream give bit-identical predictions, also
 * across a drain/restore at any point (on the same machine and native libraries).
 */
public final class LcwdModel implements OnlineModel {
    /** The model name used in scored events and store names. */
    public static final String NAME = "lcwd";

    private final LcwdConfig config;
    private final Part[] parts;
    private long version;
    private boolean versionDirty;

    /** LC-W&amp;D with the FTRL-Proximal wide part ({@link FtrlWide}). */
    public LcwdModel(final LcwdConfig config, final LinearWeights linear) {
        this(config, linear, task -> new FtrlWide(config));
    }

    /**
     * @param linear      the linear model M1 is warm-started from (read once per new feature and task)
     * @param wideFactory makes the wide part of each task (called once per task, in {@link Task} order)
     */
    public LcwdModel(final LcwdConfig config, final LinearWeights linear,
                     final Function<Task, WideWeights> wideFactory) {
        this.config = config;
        final Task[] tasks = Task.values();
        this.parts = new Part[tasks.length];
        for (final Task task : tasks) {
            final long seed = config.seed() + 0x9E3779B97F4A7C15L * (task.ordinal() + 1);
            parts[task.ordinal()] = new Part(new LcDnnTower(task, config, linear, seed), wideFactory.apply(task),
                new PendingBuffer(task, config.batchSize()), Head.of(task));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long version() {
        return version;
    }

    public LcwdConfig config() {
        return config;
    }

    @Override
    public double predict(final Example example) {
        validate(example);
        final double z = score(example.task(), example.categorical());
        return switch (example.task()) {
            case CLICK -> Head.sigmoid(z);
            case RATING -> Math.min(config.ratingMax(), Math.max(config.ratingMin(), z));
        };
    }

    @Override
    public void learn(final Example example) {
        validate(example);
        final Part part = parts[example.task().ordinal()];
        part.pending.checkRestored();
        if (part.pending.isFull()) {
            // only after restoring a buffer written with a larger batch size: train it before buffering more
            trainBatch(part);
        }
        final SparseFeatures x = example.categorical();
        part.tower.touch(x);
        final double z = offset(example.task()) + part.wide.dot(x) + part.tower.deepOutputOfTouched(x);
        final double gradient = part.head.gradient(z, example.label());
        part.wide.update(x, gradient);
        part.pending.add(example.copy());
        if (part.pending.isFull()) {
            trainBatch(part);
        }
        version++;
        versionDirty = true;
    }

    private void trainBatch(final Part part) {
        final int count = part.pending.size();
        final Example[] batch = part.pending.items();
        final double[] extra = new double[count];
        final double offset = offset(part.tower.task());
        for (int b = 0; b < count; b++) {
            extra[b] = offset + part.wide.dot(batch[b].categorical());
        }
        part.tower.apply(part.tower.gradients(batch, count, extra));
        part.pending.clear();
    }

    /** The unclamped joint score z = offset + wide(x) + deep(x) (logit for clicks, rating for ratings). */
    double score(final Task task, final SparseFeatures x) {
        final Part part = parts[task.ordinal()];
        return offset(task) + part.wide.dot(x) + part.tower.deepOutput(x);
    }

    private double offset(final Task task) {
        return task == Task.RATING ? config.ratingOffset() : 0.0;
    }

    /** Touched M1 entries + touched wide entries + all dense weights and biases (paper, Table 2: O(2d) + ...). */
    @Override
    public long parameterCount() {
        long count = 0;
        for (final Part part : parts) {
            count += part.tower.parameterCount() + part.wide.size();
        }
        return count;
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        if (versionDirty) {
            sink.put(LcwdStateCodec.versionKey(), LcwdStateCodec.encodeLong(version));
            versionDirty = false;
        }
        for (final Part part : parts) {
            final Task task = part.tower.task();
            final SparseRows m1 = part.tower.m1();
            m1.drainDirty(slot -> {
                final float[] state = new float[m1.stateSlots()];
                for (int s = 0; s < state.length; s++) {
                    state[s] = m1.stateValue(s, slot);
                }
                sink.put(LcwdStateCodec.m1Key(task, m1.indexAt(slot)), LcwdStateCodec.encodeM1Row(
                    new LcwdStateCodec.M1Row(m1.value(slot), m1.steps(slot), state)));
            });
            if (part.tower.takeDenseDirty()) {
                final DenseLayer[] layers = part.tower.layers();
                for (int l = 0; l < layers.length; l++) {
                    final DenseLayer layer = layers[l];
                    sink.put(LcwdStateCodec.denseKey(task, l, false), LcwdStateCodec.encodeDense(
                        new LcwdStateCodec.DenseTensor(layer.fanIn, layer.fanOut, layer.weights, layer.weightState)));
                    sink.put(LcwdStateCodec.denseKey(task, l, true), LcwdStateCodec.encodeDense(
                        new LcwdStateCodec.DenseTensor(1, layer.fanOut, layer.bias, layer.biasState)));
                }
                sink.put(LcwdStateCodec.stepsKey(task), LcwdStateCodec.encodeLong(part.tower.batchSteps()));
            }
            part.wide.drainChanges(new PrefixedSink(task, sink));
            part.pending.drain(sink);
        }
    }

    /**
     * Per task ({@code click}, {@code rating}): M1 as a sparse table {@code <task>.m1} with its optimiser slots, each
     * dense layer's {@code <task>.dense<l>.weight} (fanIn x fanOut) and {@code .bias} with theirs, and the wide
     * part's FTRL tables {@code <task>.wide.*}. Pending mini-batch examples are not tensors: they stay in the state.
     */
    @Override
    public void exportTensors(final TensorSink sink) {
        for (final Part part : parts) {
            final String task = part.tower.task().name().toLowerCase(java.util.Locale.ROOT);
            part.tower.m1().exportTensors(sink, task + ".m1");
            final DenseLayer[] layers = part.tower.layers();
            for (int l = 0; l < layers.length; l++) {
                final DenseLayer layer = layers[l];
                final String name = task + ".dense" + l;
                final int[] weightShape = {layer.fanIn, layer.fanOut};
                final int[] biasShape = {layer.fanOut};
                sink.dense(name + ".weight", weightShape, TensorSink.widen(layer.weights));
                sink.dense(name + ".bias", biasShape, TensorSink.widen(layer.bias));
                for (int s = 0; s < layer.weightState.length; s++) {
                    sink.dense(name + ".weight.state" + s, weightShape, TensorSink.widen(layer.weightState[s]));
                    sink.dense(name + ".bias.state" + s, biasShape, TensorSink.widen(layer.biasState[s]));
                }
            }
            part.wide.exportTensors(sink, task + ".wide");
        }
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty LC-W&D key");
        }
        final String kind = switch (key[0]) {
            case LcwdStateCodec.KIND_VERSION -> "version";
            case LcwdStateCodec.KIND_STEPS -> "step counter";
            case LcwdStateCodec.KIND_M1 -> "M1 row";
            case LcwdStateCodec.KIND_DENSE -> "dense tensor";
            case LcwdStateCodec.KIND_PENDING -> "pending example";
            case LcwdStateCodec.KIND_WIDE -> "wide entry";
            default -> throw new IllegalArgumentException("unknown LC-W&D key kind " + key[0]);
        };
        try {
            restoreEntry(key, value);
        } catch (final BufferUnderflowException e) {
            throw LcwdStateCodec.truncated(kind, e);
        }
    }

    private void restoreEntry(final byte[] key, final byte[] value) {
        if (key[0] == LcwdStateCodec.KIND_VERSION) {
            version = LcwdStateCodec.decodeLong(value);
            return;
        }
        final Part part = parts[LcwdStateCodec.task(key).ordinal()];
        switch (key[0]) {
            case LcwdStateCodec.KIND_STEPS -> part.tower.restoreBatchSteps(LcwdStateCodec.decodeLong(value));
            case LcwdStateCodec.KIND_M1 -> {
                final LcwdStateCodec.M1Row row = LcwdStateCodec.decodeM1Row(value);
                part.tower.m1().restore(LcwdStateCodec.intAfterTask(key), row.value(), row.steps(), row.state());
            }
            case LcwdStateCodec.KIND_DENSE -> restoreDense(part.tower, key, LcwdStateCodec.decodeDense(value));
            case LcwdStateCodec.KIND_PENDING -> part.pending.restore(LcwdStateCodec.intAfterTask(key),
                LcwdStateCodec.decodeExample(value));
            case LcwdStateCodec.KIND_WIDE -> part.wide.restore(Arrays.copyOfRange(key, 2, key.length), value);
            default -> throw new IllegalArgumentException("unknown LC-W&D key kind " + key[0]);
        }
    }

    private static void restoreDense(final LcDnnTower tower, final byte[] key,
                                     final LcwdStateCodec.DenseTensor tensor) {
        if (key.length != 4 || key[2] < 0 || key[2] >= tower.layers().length || key[3] < 0 || key[3] > 1) {
            throw new IllegalArgumentException("bad LC-W&D dense key " + Arrays.toString(key));
        }
        final DenseLayer layer = tower.layers()[key[2]];
        final boolean bias = key[3] == 1;
        final float[] target = bias ? layer.bias : layer.weights;
        final float[][] state = bias ? layer.biasState : layer.weightState;
        final int rows = bias ? 1 : layer.fanIn;
        if (tensor.rows() != rows || tensor.cols() != layer.fanOut || tensor.state().length != state.length) {
            throw new IllegalStateException("persisted " + tower.task() + " layer " + key[2] + (bias ? " bias" : " W")
                + " is " + tensor.rows() + " x " + tensor.cols() + " with " + tensor.state().length
                + " optimiser slots; the config expects " + rows + " x " + layer.fanOut + " with " + state.length);
        }
        System.arraycopy(tensor.values(), 0, target, 0, target.length);
        for (int s = 0; s < state.length; s++) {
            System.arraycopy(tensor.state()[s], 0, state[s], 0, target.length);
        }
    }

    private void validate(final Example example) {
        final SparseFeatures x = example.categorical();
        final int dimension = config.dimension();
        for (int j = 0; j < x.size(); j++) {
            if (x.index(j) < 0 || x.index(j) >= dimension || x.group(j) < 0 || x.group(j) >= config.featureGroups()
                || !Float.isFinite(x.value(j))) {
                throw new IllegalArgumentException("feature " + j + " (index " + x.index(j) + ", group " + x.group(j)
                    + ", value " + x.value(j) + ") outside d=" + dimension + ", f=" + config.featureGroups()
                    + " or not finite in " + describe(example));
            }
        }
        final double y = example.label();
        if (example.task() == Task.CLICK ? !(y >= 0.0 && y <= 1.0) : !Double.isFinite(y)) {
            throw new IllegalArgumentException("bad label " + y + " in " + describe(example));
        }
    }

    private static String describe(final Example e) {
        return e.task() + " example of user " + e.userId() + ", item " + e.itemId() + " at " + e.eventTime();
    }

    LcDnnTower tower(final Task task) {
        return parts[task.ordinal()].tower;
    }

    WideWeights wide(final Task task) {
        return parts[task.ordinal()].wide;
    }

    int pendingSize(final Task task) {
        return parts[task.ordinal()].pending.size();
    }

    private record Part(LcDnnTower tower, WideWeights wide, PendingBuffer pending, Head head) {
    }

    /** Prefixes the wide part's keys with [KIND_WIDE][task]. */
    private record PrefixedSink(Task task, ParameterSink sink) implements ParameterSink {
        @Override
        public void put(final byte[] key, final byte[] value) {
            sink.put(LcwdStateCodec.wideKey(task, key), value);
        }

        @Override
        public void delete(final byte[] key) {
            sink.delete(LcwdStateCodec.wideKey(task, key));
        }
    }
}
