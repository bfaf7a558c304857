package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.optim.FtrlProximal;

/**
 * LC-W&amp;D's wide part: the same FTRL-Proximal learner as logistic regression (McMahan et al. 2013, Algorithm 1),
 * here fed the gradient of the joint wide + deep loss. Persisted as {@link FtrlCoordinates}.
 */
final class FtrlWide implements WideWeights {
    private final FtrlProximal ftrl;
    private final FtrlCoordinates coordinates;

    FtrlWide(final LcwdConfig config) {
        this.ftrl = new FtrlProximal(config.ftrlAlpha(), config.ftrlBeta(), config.ftrlL1(), config.ftrlL2(),
            config.hashBits());
        this.coordinates = new FtrlCoordinates(ftrl);
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
    public Persisted state() {
        return coordinates;
    }

    @Override
    public void exportTensors(final TensorSink sink, final String prefix) {
        coordinates.exportTensors(sink, prefix);
    }

}
