package dev.streamrec.learning.sync;

/** One parameter-layer part of a task's model as the sync sees it: its round deltas out, merged rounds in. */
interface SharedPart {
    /** What changed since the previous extraction (the applied merged rounds excluded), or null when nothing did. */
    PartDelta extract();

    /**
     * Adds what the other tasks learned: {@code merged} minus {@code own} (this task's delta of the same round, null
     * when it had none), element by element; the applied amount is not published again.
     */
    void apply(PartDelta merged, PartDelta own);
}
