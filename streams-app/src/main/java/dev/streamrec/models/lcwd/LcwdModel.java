package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Losses;
import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.PendingBatch;
import dev.streamrec.models.params.Persisted;
import java.util.Locale;
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
 * <p>Persistence ({@link ModelState}): {@code meta} (events learned, then each tower's mini-batch steps) and per
 * task ({@code click}, {@code rating}) {@code <task>.m1} (sparse rows), {@code <task>.dense<l>.weight} and
 * {@code .bias} (dense tensors with their optimiser slots), {@code <task>.wide} (the wide part's state) and
 * {@code <task>.pending} (the mini-batch being filled). Only categorical features are used; numeric features
 * are ignored. Deterministic: the same config, linear weights and stream give bit-identical predictions, also
 * across a drain/restore at any point (on the same machine and native libraries).
 */
public final class LcwdModel implements OnlineModel {
    /** The model name used in scored events and store names. */
    public static final String NAME = "lcwd";

    private final LcwdConfig config;
    private final Part[] parts;
    private final ModelState state = new ModelState(NAME);
    private long version;

    /** LC-W&amp;D with the FTRL-Proximal wide part ({@link FtrlWide}). */
    public LcwdModel(final LcwdConfig config, final LinearWeights linear) {
        this(config, linear, task -> config.factorDim() > 0 ? new FactorizedWide(config, task) : new FtrlWide(config));
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
        state.register("meta", Persisted.single(out -> {
            out.writeLong(version);
            for (final Part part : parts) {
                out.writeLong(part.tower.batchSteps());
            }
        }, in -> {
            version = in.readLong();
            for (final Part part : parts) {
                part.tower.restoreBatchSteps(in.readLong());
            }
        }));
        for (final Task task : tasks) {
            final long seed = config.seed() + 0x9E3779B97F4A7C15L * (task.ordinal() + 1);
            final String prefix = task.name().toLowerCase(Locale.ROOT);
            final Part part = new Part(new LcDnnTower(task, config, linear, seed), wideFactory.apply(task),
                new PendingBatch<>(config.batchSize(), PendingBatch.EXAMPLES), Head.of(task));
            parts[task.ordinal()] = part;
            part.tower.register(state, prefix);
            state.register(prefix + ".wide", part.wide.state());
            if (part.wide instanceof FactorizedWide factorized) {
                state.register(prefix + ".factor", factorized.factorization().rows());
            }
            state.register(prefix + ".pending", part.pending);
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
            case CLICK -> Losses.sigmoid(z);
            case RATING -> Math.min(config.ratingMax(), Math.max(config.ratingMin(), z));
        };
    }

    @Override
    public void learn(final Example example) {
        validate(example);
        final Part part = parts[example.task().ordinal()];
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
    }

    private void trainBatch(final Part part) {
        final int count = part.pending.size();
        final Example[] batch = part.pending.items().toArray(new Example[0]);
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
        state.drainChanges(sink);
    }

    /**
     * Per task ({@code click}, {@code rating}): M1 as a sparse table {@code <task>.m1} with its optimiser slots, each
     * dense layer's {@code <task>.dense<l>.weight} (fanIn x fanOut) and {@code .bias} with theirs, and the wide
     * part's FTRL tables {@code <task>.wide.*}. Pending mini-batch examples are not tensors: they stay in the state.
     */
    @Override
    public void exportTensors(final TensorSink sink) {
        for (final Part part : parts) {
            final String task = part.tower.task().name().toLowerCase(Locale.ROOT);
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
            if (part.wide instanceof FactorizedWide factorized) {
                factorized.factorization().exportTensors(sink, task + ".factor");
            }
        }
    }

    @Override
    public ModelState modelState() {
        return state;
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        state.restore(key, value);
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

    private record Part(LcDnnTower tower, WideWeights wide, PendingBatch<Example> pending, Head head) {
    }
}
