package dev.streamrec.features;

/** The prediction task an example belongs to; each task has its own head and loss. */
public enum Task {
    /** Impressions: predict the click probability; logistic loss. */
    CLICK,
    /** Ratings: predict the rating; squared loss. */
    RATING
}
