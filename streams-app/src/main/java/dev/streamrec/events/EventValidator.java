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
 * {@link RejectReason#RATING_OUT_OF_RANGE}), then the attributes of the context or profile, then a profile's text.
 * Every variable-size field is bounded by the {@link FieldLimits} of the config: over a limit is
 * {@link RejectReason#FIELD_TOO_LONG} (a string), {@link RejectReason#TOO_MANY_VALUES} (a collection) or
 * {@link RejectReason#VALUE_OUT_OF_RANGE} (a number), with the field named in the detail. Ids are checked for
 * length right after they are checked for presence, before any detail quotes them.
 *
 * <p>Accepting returns the shared {@link Validation#OK} and builds no strings; only rejections allocate. Stateless
 * and thread-safe.
 */
public final class EventValidator {
    private final ValidationConfig config;
    private final Instant minTime;
    private final Instant maxTime;
    private final FieldLimits limits;

    /**
     * @param config the accepted ranges
     */
    public EventValidator(final ValidationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.minTime = Instant.ofEpochMilli(config.minEventTimeMillis());
        this.maxTime = Instant.ofEpochMilli(config.maxEventTimeMillis());
        this.limits = config.limits();
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
        if (profile.getUserId().length() > limits.idLength()) {
            return tooLong("userId", profile.getUserId().length(), limits.idLength());
        }
        if (!profile.getUserId().equals(key)) {
            return keyMismatch(key, "userId", profile.getUserId());
        }
        return checkProfile(profile.getUpdateTime(), profile.getAttributes(), profile.getText(), "text");
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
        if (profile.getItemId().length() > limits.idLength()) {
            return tooLong("itemId", profile.getItemId().length(), limits.idLength());
        }
        if (!profile.getItemId().equals(key)) {
            return keyMismatch(key, "itemId", profile.getItemId());
        }
        return checkProfile(profile.getUpdateTime(), profile.getAttributes(), profile.getTitle(), "title");
    }

    private Validation checkProfile(final Instant updateTime, final Attributes attributes, final String text,
                                    final String textField) {
        final Validation time = checkTime(updateTime, "updateTime");
        if (!time.isOk()) {
            return time;
        }
        final Validation checked = checkAttributes(attributes, "attributes");
        if (!checked.isOk()) {
            return checked;
        }
        return text != null && text.length() > limits.textLength()
            ? tooLong(textField, text.length(), limits.textLength()) : Validation.OK;
    }

    private Validation checkEvent(final String key, final String eventId, final String userId, final String itemId,
                                  final Instant eventTime) {
        if (isBlank(eventId)) {
            return Validation.reject(RejectReason.MISSING_EVENT_ID, "eventId is " + describe(eventId));
        }
        if (isBlank(userId)) {
            return Validation.reject(RejectReason.MISSING_USER_ID,
                    "userId is " + describe(userId) + " in event " + quoted(eventId));
        }
        if (isBlank(itemId)) {
            return Validation.reject(RejectReason.MISSING_ITEM_ID,
                    "itemId is " + describe(itemId) + " in event " + quoted(eventId));
        }
        if (eventId.length() > limits.idLength()) {
            return tooLong("eventId", eventId.length(), limits.idLength());
        }
        if (userId.length() > limits.idLength()) {
            return tooLong("userId", userId.length(), limits.idLength());
        }
        if (itemId.length() > limits.idLength()) {
            return tooLong("itemId", itemId.length(), limits.idLength());
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

    private Validation checkAttributes(final Attributes attributes, final String where) {
        if (attributes == null) {
            return Validation.OK;
        }
        final Map<String, java.util.List<String>> categorical = attributes.getCategorical();
        final Map<String, Double> numeric = attributes.getNumeric();
        final int groups = (categorical == null ? 0 : categorical.size()) + (numeric == null ? 0 : numeric.size());
        if (groups > limits.groups()) {
            return Validation.reject(RejectReason.TOO_MANY_VALUES, where + " has " + groups
                    + " feature groups (at most " + limits.groups() + ")");
        }
        if (categorical != null) {
            for (final Map.Entry<String, java.util.List<String>> entry : categorical.entrySet()) {
                final Validation group = checkCategorical(entry.getKey(), entry.getValue(), where);
                if (!group.isOk()) {
                    return group;
                }
            }
        }
        if (numeric != null) {
            for (final Map.Entry<String, Double> entry : numeric.entrySet()) {
                final Validation value = checkNumeric(entry.getKey(), entry.getValue(), where);
                if (!value.isOk()) {
                    return value;
                }
            }
        }
        return Validation.OK;
    }

    private Validation checkCategorical(final String group, final java.util.List<String> values, final String where) {
        final Validation name = checkGroupName(group, where);
        if (!name.isOk() || values == null) {
            return name;
        }
        if (values.size() > limits.valuesPerGroup()) {
            return Validation.reject(RejectReason.TOO_MANY_VALUES, where + " categorical group '" + group + "' has "
                    + values.size() + " values (at most " + limits.valuesPerGroup() + ")");
        }
        for (final String value : values) {
            if (value != null && value.length() > limits.valueLength()) {
                return tooLong(where + " categorical value of group '" + group + "'", value.length(),
                        limits.valueLength());
            }
        }
        return Validation.OK;
    }

    private Validation checkNumeric(final String group, final Double value, final String where) {
        final Validation name = checkGroupName(group, where);
        if (!name.isOk()) {
            return name;
        }
        if (value == null || !Double.isFinite(value)) {
            return Validation.reject(RejectReason.NON_FINITE_VALUE,
                    where + " numeric attribute '" + group + "' is " + value);
        }
        if (Math.abs(value) > limits.numericMagnitude()) {
            return Validation.reject(RejectReason.VALUE_OUT_OF_RANGE, where + " numeric attribute '" + group
                    + "' is " + value + " (|x| at most " + limits.numericMagnitude() + ")");
        }
        return Validation.OK;
    }

    private Validation checkGroupName(final String group, final String where) {
        return group != null && group.length() > limits.valueLength()
                ? tooLong(where + " feature group name", group.length(), limits.valueLength()) : Validation.OK;
    }

    private static Validation tooLong(final String field, final int length, final int limit) {
        return Validation.reject(RejectReason.FIELD_TOO_LONG, field + " has " + length + " chars (at most " + limit
                + ")");
    }

    /** A string for a detail: itself if short, else its first 64 chars and its length. */
    private static String quoted(final String s) {
        return s.length() <= 64 ? "'" + s + "'" : "'" + s.substring(0, 64) + "...' (" + s.length() + " chars)";
    }

    private static Validation keyMismatch(final String key, final String field, final String id) {
        return Validation.reject(RejectReason.KEY_MISMATCH,
                "record key " + (key == null ? "is null" : quoted(key)) + " but " + field + " is " + quoted(id));
    }

    private static boolean isBlank(final String s) {
        return s == null || s.isBlank();
    }

    private static String describe(final String s) {
        return s == null ? "null" : "blank";
    }
}
