package dev.streamrec.models;

import java.util.List;

import dev.streamrec.features.Example;
import dev.streamrec.models.params.ModelState;

/**
 * A model that learns from a stream, one event at a time, and is evaluated prequentially: every event is first
 * {@linkplain #predict predicted}, then {@linkplain #learn learned}.
 *
 * <p>Persistence contract: the model keeps its working state in memory. After every {@link #learn} the caller
 * calls {@link #drainChanges} and stores what it gets; on start-up (or after a crash) the caller feeds every stored
 * entry back through {@link #restore} before the first {@link #predict}. Restored state must be bit-identical to the
 * state that was drained, so that a restarted model goes on exactly where it stopped.
 *
 * <p>Not thread-safe: each stream task owns its own instances. One exception, for live queries: {@link #drainChanges},
 * {@link #version} and {@link #parameterCount} may run on the owning thread while one other thread calls
 * {@link #predict} or {@link #predictAll}. Implementations keep that safe by reading only persisted state (and
 * writing only its change tracking) in a drain, and writing only their own scratch buffers and memos in predict;
 * {@link #learn} and {@link #restore} never run beside a predict.
 */
public interface OnlineModel {
    /** Short stable name, used in scored events, store names and metrics (e.g. {@code lr}). */
    String name();

    /** Number of events learned so far (the model version a prediction is tagged with). */
    long version();

    /** The prediction for an example without learning from it: a click probability or a rating. */
    double predict(Example example);

    /**
     * The predictions for several examples, in order, without learning: {@code out[i]} equals, bit for bit,
     * {@code predict(examples.get(i))}. Models override it where scoring many examples together is faster.
     */
    default void predictAll(final List<Example> examples, final double[] out) {
        for (int i = 0; i < examples.size(); i++) {
            out[i] = predict(examples.get(i));
        }
    }

    /** Learns from one labelled example (per-event update, or buffering for a mini-batch step). */
    void learn(Example example);

    /** Number of parameters actually held: touched sparse entries plus dense sizes. */
    long parameterCount();

    /** Writes every persisted entry changed since the previous call, then forgets the changes. */
    void drainChanges(ParameterSink sink);

    /**
     * Writes the model's parameters as named tensors (weights, biases, embedding rows, optimiser moments where the
     * model has them), for export. Does not change the model.
     */
    void exportTensors(TensorSink sink);

    /**
     * The model's persisted parts, for parameter sync across tasks ({@code learning.sync}). Models on the parameter
     * layer return their {@link ModelState}; the default has none.
     */
    default ModelState modelState() {
        throw new UnsupportedOperationException(name() + " has no ModelState to share");
    }

    /** Loads one entry previously written through {@link #drainChanges}; rejects unknown format versions. */
    void restore(byte[] key, byte[] value);
}
