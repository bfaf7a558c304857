package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.lr.FtrlProximal;

/**
 * DeepMix's first-order (wide) part: per task, one weight per hashed categorical feature, added to the deep
 * logit, {@code z = w . x + deep(x)}. Learned at every event by FTRL-Proximal (McMahan et al. 2013, Algorithm 1)
 * with the gradient of the joint loss, {@code dL/dz * x_i}, like LC-W&amp;D's wide part; the deep part then learns
 * what the first-order terms leave (its mini-batch loss is computed on the joint score). This is the design card's
 * "LR and wide weights updated incrementally": user and item biases need not be learned through embeddings.
 *
 * <p>The DeepMix paper (Li, Yun and Wu) has no first-order term; this is where we depart from it (measured in
 * {@code docs/model-quality.md}). Persisted through {@link FtrlProximal}'s versioned format under its head tags.
 */
final class WidePart {
    /** FTRL head tags (key byte 0 of {@link FtrlProximal}'s entries). */
    static final byte CLICK_TAG = 0;
    static final byte RATING_TAG = 1;

    private final FtrlProximal click;
    private final FtrlProximal rating;

    /** A wide part over {@code 2^hashBits} features, or an absent one ({@link #enabled} false) when alpha is 0. */
    WidePart(final DeepMixConfig config) {
        if (config.wideAlpha() > 0) {
            final FtrlConfig ftrl = new FtrlConfig(config.wideAlpha(), FtrlConfig.DEFAULT_BETA, config.wideL1(),
                FtrlConfig.DEFAULT_L2);
            this.click = new FtrlProximal(ftrl, config.hashBits());
            this.rating = new FtrlProximal(ftrl, config.hashBits());
        } else {
            this.click = null;
            this.rating = null;
        }
    }

    boolean enabled() {
        return click != null;
    }

    /** {@code w . x} of the task's head; 0 when the part is off. */
    double dot(final Task task, final SparseFeatures x) {
        return enabled() ? head(task).dot(x) : 0.0;
    }

    /** One FTRL step of the task's head with {@code g_i = dLdz * x_i}. */
    void update(final Task task, final SparseFeatures x, final double dLdz) {
        if (enabled()) {
            head(task).update(x, dLdz);
        }
    }

    long size() {
        return enabled() ? click.touchedCount() + rating.touchedCount() : 0;
    }

    /** Writes the coordinates changed since the previous drain, keys {@link FtrlProximal}'s (tag, index). */
    void drain(final ParameterSink sink) {
        if (enabled()) {
            click.drain(sink, CLICK_TAG);
            rating.drain(sink, RATING_TAG);
        }
    }

    /** Loads one {@link FtrlProximal} entry; its key's first byte names the head. */
    void restore(final byte[] ftrlKey, final byte[] ftrlValue) {
        if (!enabled()) {
            throw new IllegalArgumentException("deepmix state holds wide weights but deepmix.wide.alpha is 0");
        }
        if (ftrlKey.length == 0 || ftrlKey[0] != CLICK_TAG && ftrlKey[0] != RATING_TAG) {
            throw new IllegalArgumentException("bad deepmix wide key: no head tag " + CLICK_TAG + " or "
                + RATING_TAG);
        }
        (ftrlKey[0] == CLICK_TAG ? click : rating).restore(ftrlKey, ftrlValue);
    }

    /** {@code wide.click.{w,z,n}} and {@code wide.rating.{w,z,n}}. */
    void exportTensors(final TensorSink sink) {
        if (enabled()) {
            click.exportTensors(sink, "wide.click");
            rating.exportTensors(sink, "wide.rating");
        }
    }

    private FtrlProximal head(final Task task) {
        return task == Task.CLICK ? click : rating;
    }
}
