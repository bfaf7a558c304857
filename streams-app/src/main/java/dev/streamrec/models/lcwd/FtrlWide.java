package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.lr.FtrlProximal;

/**
 * LC-W&amp;D's wide part: the same FTRL-Proximal learner as logistic regression (McMahan et al. 2013, Algorithm 1),
 * here fed the gradient of the joint wide + deep loss. Persisted in {@link FtrlProximal}'s own versioned format.
 */
final class FtrlWide implements WideWeights {
    /** FtrlProximal's key byte 0; the model already separates tasks by its own key prefix. */
    private static final byte HEAD = 0;

    private final FtrlProximal ftrl;

    FtrlWide(final LcwdConfig config) {
        this.ftrl = new FtrlProximal(new FtrlConfig(config.ftrlAlpha(), config.ftrlBeta(), config.ftrlL1(),
            config.ftrlL2()), config.hashBits());
    }

    @Override
    public double weight(final int index) {
        return ftrl.weight(index);
    }

    @Override
    public double dot(final SparseFeatures x) {
        return ftrl.dot(x);
    }

    @Override
    public void update(final SparseFeatures x, final double gradScale) {
        ftrl.update(x, gradScale);
    }

    @Override
    public long size() {
        return ftrl.touchedCount();
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        ftrl.drain(sink, HEAD);
    }

    @Override
    public void exportTensors(final TensorSink sink, final String prefix) {
        ftrl.exportTensors(sink, prefix);
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        ftrl.restore(key, value);
    }
}
