package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.FieldFactorization;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.Persisted;

/**
 * LC-W&amp;D's wide part with a factorization term: {@code wide(x) = w . x + p . q} ({@link FtrlWide} plus a
 * {@link FieldFactorization} of the user-side and item-side field vectors), both learned per event with the joint
 * loss's {@code dL/dz}. The paper's wide part is linear (Chen et al. 2017, Sec. 2.2); this is a departure, measured
 * in {@code docs/model-quality.md}: the locally connected deep part sees one partial logit per feature group and
 * cannot form user x item dot products. The FTRL coordinates are {@link #state}; the factorization rows are
 * registered by {@link LcwdModel} as {@code <task>.factor}.
 */
final class FactorizedWide implements WideWeights {
    private final FtrlWide linear;
    private final FieldFactorization factorization;

    FactorizedWide(final LcwdConfig config, final Task task) {
        this.linear = new FtrlWide(config);
        this.factorization = new FieldFactorization(new FieldFactorization.Settings(config.factorDim(),
            config.factorLearningRate(), config.factorInit(), config.factorL2(), 0.1f,
            config.seed() ^ (0xD1B54A32D192ED03L * (task.ordinal() + 1)), config.featureGroups(),
            config.factorUserGroups(), config.factorItemGroups()));
    }

    FieldFactorization factorization() {
        return factorization;
    }

    @Override
    public double weight(final int index) {
        return linear.weight(index);
    }

    @Override
    public double dot(final SparseFeatures x) {
        return linear.dot(x) + factorization.dot(x);
    }

    @Override
    public void update(final SparseFeatures x, final double gradScale) {
        linear.update(x, gradScale);
        factorization.update(x, gradScale);
    }

    @Override
    public long size() {
        return linear.size() + factorization.size();
    }

    @Override
    public Persisted state() {
        return linear.state();
    }

    @Override
    public void exportTensors(final TensorSink sink, final String prefix) {
        linear.exportTensors(sink, prefix);
    }
}
