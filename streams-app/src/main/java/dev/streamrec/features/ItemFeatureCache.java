package dev.streamrec.features;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.streamrec.schema.ItemProfile;

/**
 * The item side of a pair's features (the item id, the profile's attributes and title), computed once per item
 * profile and reused by every {@link CandidateFeaturizer}: a part is reused while the profile object it was
 * computed from is the one asked about (the item-profile reader hands out the same decoded object until the stored
 * bytes change), and computed again otherwise. Items without a profile are not cached (their part is one hash, and
 * a request may name any number of unknown ids).
 *
 * <p>Thread-safe: parts are immutable once published; two queries computing the same part compute equal ones.
 */
public final class ItemFeatureCache {
    private final FeatureConfig config;
    private final ConcurrentMap<String, Part> parts = new ConcurrentHashMap<>();

    /** The item part of {@code profile}'s pairs; {@code fits} false when it alone does not fit. */
    record Part(ItemProfile profile, SparseFeatures id, SparseFeatures categorical, SparseFeatures numeric,
                boolean fits) { }

    public ItemFeatureCache(final FeatureConfig config) {
        this.config = config;
    }

    /** The feature configuration the parts are computed with. */
    public FeatureConfig config() {
        return config;
    }

    /** The number of cached item parts. */
    public int size() {
        return parts.size();
    }

    /** Forgets the parts of items not in {@code known} (items deleted from the store). */
    public void retain(final Set<String> known) {
        parts.keySet().retainAll(known);
    }

    Part part(final String itemId, final ItemProfile profile, final Featurizer featurizer) {
        if (profile == null) {
            return compute(itemId, null, featurizer);
        }
        final Part cached = parts.get(itemId);
        if (cached != null && cached.profile() == profile) {
            return cached;
        }
        final Part part = compute(itemId, profile, featurizer);
        parts.put(itemId, part);
        return part;
    }

    private Part compute(final String itemId, final ItemProfile profile, final Featurizer featurizer) {
        final SparseFeatures id = new SparseFeatures(config.maxFeatures());
        final SparseFeatures categorical = new SparseFeatures(config.maxFeatures());
        final SparseFeatures numeric = new SparseFeatures(config.maxFeatures());
        final boolean fits = featurizer.itemIdPart(itemId, id)
            && featurizer.itemPart(profile, categorical, numeric).fits();
        return new Part(profile, id.copy(), categorical.copy(), numeric.copy(), fits);
    }
}
