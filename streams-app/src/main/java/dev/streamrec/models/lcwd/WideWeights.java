package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.Persisted;

/**
 * The wide (linear) part of LC-W&amp;D over hashed coordinates, learned per event. This is the seam to
 * {@code optim.FtrlProximal}: its methods mirror that class's API, so an adapter (or FtrlProximal itself)
 * plugs in through {@link LcwdModel}'s wide-weights factory.
 *
 * <p>Persistence: {@link #state} is registered in the model's {@code ModelState} as {@code <task>.wide}.
 */
public interface WideWeights {
    /** The current weight of coordinate {@code index} (0 if never updated). */
    double weight(int index);

    /** {@code sum_j weight(index_j) * value_j} over the features of {@code x}. */
    double dot(SparseFeatures x);

    /** One online step where coordinate {@code index_j}'s gradient is {@code gradScale * value_j}. */
    void update(SparseFeatures x, double gradScale);

    /** Number of coordinates holding state (touched at least once). */
    long size();

    /** This part's persisted state. */
    Persisted state();

    /** Writes the touched coordinates as sparse tables named {@code <prefix>.*}, for export. */
    void exportTensors(TensorSink sink, String prefix);
}
