package dev.streamrec.evaluation;

/** How the stream is split between learning and measuring. */
public enum Protocol {
    /** Every event is scored, then learned; metrics cover the whole stream (test-then-train). */
    PREQUENTIAL,
    /**
     * The paper-style protocol: the first part of the stream is learned (scored too, but not measured), the rest is
     * scored by the frozen models and measured.
     */
    OFFLINE
}
