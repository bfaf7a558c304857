package dev.streamrec.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventValidator;
import dev.streamrec.events.Validation;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

/**
 * The receiving end of an in-process replay, as far as every evaluation shares it: profiles and events validated
 * by the topology's {@link EventValidator}, accepted profiles kept by id, accepted events handed to {@link #event}
 * while {@link #wantsMore}, and every rejection counted by its reason.
 */
abstract class ValidatedReplay implements EventSink {
    private final EventValidator validator;
    private final Map<String, UserProfile> users = new HashMap<>();
    private final Map<String, ItemProfile> items = new HashMap<>();
    /** Rejected events and profiles by reason (validation and featurization). */
    final Map<String, Long> rejected = new TreeMap<>();

    ValidatedReplay(final EventValidator validator) {
        this.validator = validator;
    }

    /** Whether further events are wanted (the event limit is not reached yet). */
    abstract boolean wantsMore();

    /** One validated event, in stream order. */
    abstract void event(EventType type, String eventId, String userId, String itemId, long time, double label,
                        Attributes context);

    /** The latest accepted profile of {@code userId}, or null. */
    final UserProfile user(final String userId) {
        return users.get(userId);
    }

    /** The latest accepted profile of {@code itemId}, or null. */
    final ItemProfile item(final String itemId) {
        return items.get(itemId);
    }

    /** Counts one rejection of {@code reason}. */
    final void reject(final String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    @Override
    public final void user(final UserProfile profile) {
        final String id = String.valueOf(profile.getUserId());
        if (accepted(validator.validate(id, profile))) {
            users.put(id, profile);
        }
    }

    @Override
    public final void item(final ItemProfile profile) {
        final String id = String.valueOf(profile.getItemId());
        if (accepted(validator.validate(id, profile))) {
            items.put(id, profile);
        }
    }

    @Override
    public final void impression(final ImpressionEvent e) {
        if (wantsMore() && accepted(validator.validate(e.getUserId(), e))) {
            event(EventType.IMPRESSION, e.getEventId(), e.getUserId(), e.getItemId(), e.getEventTime().toEpochMilli(),
                e.getClicked() ? 1.0 : 0.0, e.getContext());
        }
    }

    @Override
    public final void rating(final RatingEvent e) {
        if (wantsMore() && accepted(validator.validate(e.getUserId(), e))) {
            event(EventType.RATING, e.getEventId(), e.getUserId(), e.getItemId(), e.getEventTime().toEpochMilli(), e.getRating(),
                e.getContext());
        }
    }

    private boolean accepted(final Validation validation) {
        if (validation instanceof Validation.Rejection r) {
            reject(r.reason().name());
            return false;
        }
        return true;
    }
}
