package dev.streamrec.features;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/**
 * Featurizes many candidate items for one user, event time and context (a top-K query), giving for each item
 * exactly what {@link Featurizer#featurize} gives for the pair, bit for bit, with less work: the parts that do not
 * depend on the item (bias, user id, user profile, context, time) are computed once, here; each item's own part
 * (its id, attributes and title) once per item profile, in the shared {@link ItemFeatureCache}; only the crosses
 * are computed per candidate. The parts are appended in {@link Featurizer}'s output order.
 *
 * <p>Exactness: every part is computed by the featurizer's own code. When every part fits on its own and the
 * concatenation is within {@link FeatureConfig#maxFeatures()} and the buffers' capacity, each of the featurizer's
 * additions would have succeeded too, so the result is the same; otherwise (a part that does not fit, a non-finite
 * numeric attribute, too many features) the pair is featurized from scratch, so even the rejection reason is the
 * featurizer's.
 *
 * <p>Not thread-safe (it owns a {@link Featurizer}); one per query. The cache may be shared.
 */
public final class CandidateFeaturizer {
    private final Featurizer featurizer;
    private final ItemFeatureCache items;
    private final String userId;
    private final long eventTime;
    private final Attributes context;
    private final UserProfile user;
    private final SparseFeatures head;
    private final SparseFeatures userCategorical;
    private final SparseFeatures userNumeric;
    private final SparseFeatures contextCategorical;
    private final SparseFeatures contextNumeric;
    private final SparseFeatures time;
    private final boolean userSideFits;

    /**
     * Computes the user-side parts of every pair of {@code userId} (profile {@code user}, null when unknown) at
     * {@code eventTime} with {@code context}.
     */
    public CandidateFeaturizer(final FeatureConfig config, final ItemFeatureCache items, final String userId,
                               final long eventTime, final Attributes context, final UserProfile user) {
        if (!items.config().equals(config)) {
            throw new IllegalArgumentException("the item cache was made for other features: " + items.config());
        }
        this.featurizer = new Featurizer(config);
        this.items = items;
        this.userId = userId;
        this.eventTime = eventTime;
        this.context = context;
        this.user = user;
        final int max = config.maxFeatures();
        this.head = new SparseFeatures(max);
        this.userCategorical = new SparseFeatures(max);
        this.userNumeric = new SparseFeatures(max);
        this.contextCategorical = new SparseFeatures(max);
        this.contextNumeric = new SparseFeatures(max);
        this.time = new SparseFeatures(max);
        this.userSideFits = featurizer.headPart(userId, head)
            && featurizer.userPart(user, userCategorical, userNumeric).fits()
            && featurizer.contextPart(context, contextCategorical, contextNumeric).fits()
            && featurizer.timePart(eventTime, time);
    }

    /**
     * Clears both buffers and fills them with the features of the pair (this user, {@code itemId}), as
     * {@link Featurizer#featurize} does.
     *
     * @param item the item's profile, or null when none is known
     */
    public FeaturizationResult featurize(final String itemId, final ItemProfile item,
                                         final SparseFeatures categorical, final SparseFeatures numeric) {
        final ItemFeatureCache.Part part = items.part(itemId, item, featurizer);
        if (!userSideFits || !part.fits()) {
            return fromScratch(itemId, item, categorical, numeric);
        }
        final int categoricalSize = head.size() + part.id().size() + userCategorical.size()
            + part.categorical().size() + contextCategorical.size() + time.size();
        final int numericSize = userNumeric.size() + part.numeric().size() + contextNumeric.size();
        if (categoricalSize > Math.min(featurizer.config().maxFeatures(), categorical.capacity())
            || numericSize > numeric.capacity()) {
            return fromScratch(itemId, item, categorical, numeric);
        }
        categorical.clear();
        numeric.clear();
        categorical.append(head);
        categorical.append(part.id());
        categorical.append(userCategorical);
        categorical.append(part.categorical());
        categorical.append(contextCategorical);
        categorical.append(time);
        numeric.append(userNumeric);
        numeric.append(part.numeric());
        numeric.append(contextNumeric);
        return featurizer.crossPart(userId, itemId, context, user, item, categorical) ? FeaturizationResult.OK
            : FeaturizationResult.TOO_MANY_FEATURES;
    }

    private FeaturizationResult fromScratch(final String itemId, final ItemProfile item,
                                            final SparseFeatures categorical, final SparseFeatures numeric) {
        return featurizer.featurize(userId, itemId, eventTime, context, user, item, categorical, numeric);
    }
}
