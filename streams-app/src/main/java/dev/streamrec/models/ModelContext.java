package dev.streamrec.models;

import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeatureGroups;

/**
 * What a model takes from the featurizer and the validator rather than from its own settings: the hashed space,
 * the feature groups and the accepted rating range. Providers derive their owned settings from it, so that a user
 * cannot set them out of step with the featurizer.
 *
 * @param features  the featurizer's settings
 * @param ratingMin the lowest accepted rating
 * @param ratingMax the highest accepted rating
 */
public record ModelContext(FeatureConfig features, double ratingMin, double ratingMax) {
    public ModelContext {
        if (features == null) {
            throw new IllegalArgumentException("features must be set");
        }
        if (!(ratingMin < ratingMax) || !Double.isFinite(ratingMin) || !Double.isFinite(ratingMax)) {
            throw new IllegalArgumentException("need finite ratingMin < ratingMax, got " + ratingMin + " and "
                + ratingMax);
        }
    }

    /** The featurizer's dense group ids. */
    public FeatureGroups groups() {
        return new FeatureGroups(features.groups());
    }
}
