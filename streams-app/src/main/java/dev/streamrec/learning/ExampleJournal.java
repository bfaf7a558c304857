package dev.streamrec.learning;

import dev.streamrec.features.Example;
import dev.streamrec.features.ExampleCodec;

/**
 * Where the {@link ModelCore} appends every example its models learned, numbered by the task's sequence, so that a
 * checkpoint plus the examples appended after it give the models' state exactly. The topology backs this with a
 * changelogged log store; in-process runs encode and drop, or keep nothing.
 */
@FunctionalInterface
public interface ExampleJournal {
    /** Keeps nothing. */
    ExampleJournal NONE = (sequence, example) -> { };

    /**
     * Encodes every example as the topology's log store does, then drops it: in-process runs (evaluate, bench core)
     * pay the same per-event cost as the stream.
     */
    ExampleJournal ENCODE_ONLY = (sequence, example) -> ExampleCodec.encode(example);

    /**
     * Appends the example of {@code sequence} (1 for the task's first). The example's buffers are reused after the
     * call: encode it now, do not keep it.
     */
    void append(long sequence, Example example);
}
