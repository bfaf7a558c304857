package dev.streamrec.features;

import dev.streamrec.events.RejectReason;

/** Outcome of {@link Featurizer#featurize}: whether the example is usable, and if not, the dead-letter reason. */
public enum FeaturizationResult {
    /** The buffers hold the complete example. */
    OK,
    /** More than {@link FeatureConfig#maxFeatures()} categorical features (or more than a buffer holds). */
    TOO_MANY_FEATURES,
    /** A numeric attribute was NaN or infinite. */
    NON_FINITE_NUMERIC;

    /** Whether the example fit and may be scored and learned. */
    public boolean fits() {
        return this == OK;
    }

    /** The dead-letter reason of an example that does not fit. */
    public RejectReason rejectReason() {
        return switch (this) {
            case OK -> throw new IllegalStateException("an example that fits is not rejected");
            case TOO_MANY_FEATURES -> RejectReason.TOO_MANY_FEATURES;
            case NON_FINITE_NUMERIC -> RejectReason.NON_FINITE_VALUE;
        };
    }

    /** A short dead-letter detail. */
    public String reason() {
        return switch (this) {
            case OK -> "ok";
            case TOO_MANY_FEATURES -> "too many features";
            case NON_FINITE_NUMERIC -> "non-finite numeric attribute";
        };
    }
}
