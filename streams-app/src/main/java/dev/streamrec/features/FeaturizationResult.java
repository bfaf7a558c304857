package dev.streamrec.features;

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

    /** A short dead-letter reason. */
    public String reason() {
        return switch (this) {
            case OK -> "ok";
            case TOO_MANY_FEATURES -> "too many features";
            case NON_FINITE_NUMERIC -> "non-finite numeric attribute";
        };
    }
}
