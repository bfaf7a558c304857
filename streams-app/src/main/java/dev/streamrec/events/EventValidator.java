package dev.streamrec.events;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Checks decoded input records before they reach the featurizer, so bad records go to the dead-letter topic with a
 * {@link RejectReason} instead of failing a task or poisoning a model.
 *
 * <p>Checks run in a fixed order and the first failure wins: ids ({@link RejectReason#MISSING_EVENT_ID},
 * {@link RejectReason#MISSING_USER_ID}, {@link RejectReason#MISSING_ITEM_ID}), then the key
 * ({@link RejectReason#KEY_MISMATCH}: events are keyed by user id, profiles by their own id; a null key is a
 * mismatch), then the time, then the label (ratings: {@link RejectReason#NON_FINITE_VALUE} before
 * {@link RejectReason#RATING_OUT_OF_RANGE}), then the numeric attributes of the context or profile.
 *
 * <p>Accepting returns the shared {@link Validation#OK} and builds no strings; only rejections allocate. Stateless
 * and thread-safe.
 */
public final class EventValidator {
    private final ValidationConfig config;
    private final Instant minTime;
    private final Instant maxTime;

    /**
     * @param config the accepted ranges
     */
    public EventValidator(final ValidationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.minTime = Instant.ofEpochMilli(config.minEventTimeMillis());
        this.maxTime = Instant.ofEpochMilli(config.maxEventTimeMillis());
    }

    /** A validator with {@link ValidationConfig#defaults()}. */
    public EventValidator() {
        this(ValidationConfig.defaults());
    }

    /** The accepted ranges. */
    public ValidationConfig config() {
        return config;
    }

    /**
     * Validates an impression.
     *
     * @param key   the record key, expected to equal the user id
     * @param event the decoded event
     * @return {@link Validation#OK} or the first failure
     */
    public Validation validate(final String key, final ImpressionEvent event) {
        final Validation ids = checkEvent(key, event.getEventId(), event.getUserId(), event.getItemId(),
                event.getEventTime());
        return ids.isOk() ? checkAttributes(event.getContext(), "context") : ids;
    }

    /**
     * Validates a rating.
     *
     * @param key   the record key, expected to equal the user id
     * @param event the decoded event
     * @return {@link Validation#OK} or the first failure
     */
    public Validation validate(final String key, final RatingEvent event) {
        final Validation ids = checkEvent(key, event.getEventId(), event.getUserId(), event.getItemId(),
                event.getEventTime());
        if (!ids.isOk()) {
            return ids;
        }
        final float rating = event.getRating();
        if (!Float.isFinite(rating)) {
            return Validation.reject(RejectReason.NON_FINITE_VALUE, "rating is " + rating);
        }
        if (rating < config.minRating() || rating > config.maxRating()) {
            return Validation.reject(RejectReason.RATING_OUT_OF_RANGE, "rating " + rating + " is outside "
                    + config.minRating() + ".." + config.maxRating());
        }
        return checkAttributes(event.getContext(), "context");
    }

    /**
     * Validates a user profile.
     *
     * @param key     the record key, expected to equal the user id
     * @param profile the decoded profile
     * @return {@link Validation#OK} or the first failure
     */
    public Validation validate(final String key, final UserProfile profile) {
        if (isBlank(profile.getUserId())) {
            return Validation.reject(RejectReason.MISSING_USER_ID, "userId is " + describe(profile.getUserId()));
        }
        if (!profile.getUserId().equals(key)) {
            return keyMismatch(key, "userId", profile.getUserId());
        }
        final Validation time = checkTime(profile.getUpdateTime(), "updateTime");
        return time.isOk() ? checkAttributes(profile.getAttributes(), "attributes") : time;
    }

    /**
     * Validates an item profile.
     *
     * @param key     the record key, expected to equal the item id
     * @param profile the decoded profile
     * @return {@link Validation#OK} or the first failure
     */
    public Validation validate(final String key, final ItemProfile profile) {
        if (isBlank(profile.getItemId())) {
            return Validation.reject(RejectReason.MISSING_ITEM_ID, "itemId is " + describe(profile.getItemId()));
        }
        if (!profile.getItemId().equals(key)) {
            return keyMismatch(key, "itemId", profile.getItemId());
        }
        final Validation time = checkTime(profile.getUpdateTime(), "updateTime");
        return time.isOk() ? checkAttributes(profile.getAttributes(), "attributes") : time;
    }

    private Validation checkEvent(final String key, final String eventId, final String userId, final String itemId,
                                  final Instant eventTime) {
        if (isBlank(eventId)) {
            return Validation.reject(RejectReason.MISSING_EVENT_ID, "eventId is " + describe(eventId));
        }
        if (isBlank(userId)) {
            return Validation.reject(RejectReason.MISSING_USER_ID,
                    "userId is " + describe(userId) + " in event " + eventId);
        }
        if (isBlank(itemId)) {
            return Validation.reject(RejectReason.MISSING_ITEM_ID,
                    "itemId is " + describe(itemId) + " in event " + eventId);
        }
        if (!userId.equals(key)) {
            return keyMismatch(key, "userId", userId);
        }
        return checkTime(eventTime, "eventTime");
    }

    private Validation checkTime(final Instant time, final String field) {
        if (time == null) {
            return Validation.reject(RejectReason.EVENT_TIME_OUT_OF_RANGE, field + " is missing");
        }
        if (time.isBefore(minTime) || time.isAfter(maxTime)) {
            return Validation.reject(RejectReason.EVENT_TIME_OUT_OF_RANGE, field + " " + time + " is outside "
                    + minTime + ".." + maxTime);
        }
        return Validation.OK;
    }

    private static Validation checkAttributes(final Attributes attributes, final String where) {
        if (attributes == null || attributes.getNumeric() == null) {
            return Validation.OK;
        }
        for (final Map.Entry<String, Double> entry : attributes.getNumeric().entrySet()) {
            final Double value = entry.getValue();
            if (value == null || !Double.isFinite(value)) {
                return Validation.reject(RejectReason.NON_FINITE_VALUE,
                        where + " numeric attribute '" + entry.getKey() + "' is " + value);
            }
        }
        return Validation.OK;
    }

    private static Validation keyMismatch(final String key, final String field, final String id) {
        return Validation.reject(RejectReason.KEY_MISMATCH,
                "record key " + (key == null ? "is null" : "'" + key + "'") + " but " + field + " is '" + id + "'");
    }

    private static boolean isBlank(final String s) {
        return s == null || s.isBlank();
    }

    private static String describe(final String s) {
        return s == null ? "null" : "blank";
    }
}
