package dev.streamrec.evaluation;

import java.util.Objects;

/**
 * How to evaluate.
 *
 * @param protocol      prequential or offline
 * @param trainFraction the offline protocol's share of the stream that is learned, in (0, 1) (0.9: the first 90 %)
 * @param maxEvents     events to use at most, from the start of the stream
 * @param aucWindow     events the click AUC covers; 0 for all of them
 * @param curvePoints   points per learning curve
 */
public record EvaluationSettings(Protocol protocol, double trainFraction, long maxEvents, int aucWindow,
                                 int curvePoints) {
    public EvaluationSettings {
        Objects.requireNonNull(protocol, "protocol");
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("max events must be >= 1, got " + maxEvents);
        }
        if (aucWindow < 0) {
            throw new IllegalArgumentException("AUC window must be >= 0 (0 = all events), got " + aucWindow);
        }
        if (curvePoints < 1) {
            throw new IllegalArgumentException("curve points must be >= 1, got " + curvePoints);
        }
    }

    /** Prequential over the whole stream, AUC over all events, 100 curve points. */
    public static EvaluationSettings prequential() {
        return new EvaluationSettings(Protocol.PREQUENTIAL, 0.9, Long.MAX_VALUE, 0, 100);
    }

    public EvaluationSettings withProtocol(final Protocol other) {
        return new EvaluationSettings(other, trainFraction, maxEvents, aucWindow, curvePoints);
    }

    public EvaluationSettings withMaxEvents(final long other) {
        return new EvaluationSettings(protocol, trainFraction, other, aucWindow, curvePoints);
    }
}
