package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.optim.FtrlProximal;

/**
 * DeepMix's first-order (wide) part: per task, one weight per hashed categorical feature, added to the deep
 * logit, {@code z = w . x + deep(x)}. Learned at every event by FTRL-Proximal (McMahan et al. 2013, Algorithm 1)
 * with the gradient of the joint loss, {@code dL/dz * x_i}, like LC-W&amp;D's wide part; the deep part then learns
 * what the first-order terms leave (its mini-batch loss is computed on the joint score). This is the design card's
 * "LR and wide weights updated incrementally": user and item biases need not be learned through embeddings.
 *
 * <p>The DeepMix paper (Li, Yun and Wu) has no first-order term; this is where we depart from it (measured in
 * {@code docs/model-quality.md}). Persisted as {@link FtrlCoordinates}.
 */
final class WidePart {
    private final FtrlProximal click;
    private final FtrlProximal rating;

    /** A wide part over {@code 2^hashBits} features, or an absent one ({@link #enabled} false) when alpha is 0. */
    WidePart(final DeepMixConfig config) {
        if (config.wideAlpha() > 0) {
            final FtrlConfig ftrl = new FtrlConfig(config.wideAlpha(), FtrlConfig.DEFAULT_BETA, config.wideL1(),
                FtrlConfig.DEFAULT_L2);
            this.click = new FtrlProximal(ftrl.alpha(), ftrl.beta(), ftrl.l1(), ftrl.l2(), config.hashBits());
            this.rating = new FtrlProximal(ftrl.alpha(), ftrl.beta(), ftrl.l1(), ftrl.l2(), config.hashBits());
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

    /** Registers the two heads' coordinates as {@code wide.click} and {@code wide.rating} (none when off). */
    void register(final ModelState state) {
        if (enabled()) {
            state.register("wide.click", new FtrlCoordinates(click));
            state.register("wide.rating", new FtrlCoordinates(rating));
        }
    }

    /** {@code wide.click.{w,z,n}} and {@code wide.rating.{w,z,n}}. */
    void exportTensors(final TensorSink sink) {
        if (enabled()) {
            new FtrlCoordinates(click).exportTensors(sink, "wide.click");
            new FtrlCoordinates(rating).exportTensors(sink, "wide.rating");
        }
    }

    private FtrlProximal head(final Task task) {
        return task == Task.CLICK ? click : rating;
    }
}
