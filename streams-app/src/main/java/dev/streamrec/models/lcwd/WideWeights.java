package dev.streamrec.models.lcwd;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;

/**
 * The wide (linear) part of LC-W&amp;D over hashed coordinates, learned per event. This is the seam to
 * {@code models.lr.FtrlProximal}: its methods mirror that class's API, so an adapter (or FtrlProximal itself)
 * plugs in through {@link LcwdModel}'s wide-weights factory.
 *
 * <p>Persistence: {@link #drainChanges} writes this part's own keys and versioned values; the model prefixes the
 * keys with its own kind and task bytes and hands exactly those suffixes back to {@link #restore}.
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

    /** Writes every entry changed since the previous call, then forgets the changes. */
    void drainChanges(ParameterSink sink);

    /** Writes the touched coordinates as sparse tables named {@code <prefix>.*}, for export. */
    void exportTensors(TensorSink sink, String prefix);

    /** Loads one entry written by {@link #drainChanges}; rejects unknown format versions. */
    void restore(byte[] key, byte[] value);
}
