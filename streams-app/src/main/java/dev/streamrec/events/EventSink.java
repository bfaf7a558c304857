package dev.streamrec.events;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

/**
 * Receives what an {@link EventSource} replays. Every method does nothing by default, so a sink overrides only what it
 * needs (a loader that publishes ratings only ignores impressions).
 */
public interface EventSink {
    /** A user profile; all profiles arrive before the first event. */
    default void user(final UserProfile profile) {
    }

    /** An item profile; all profiles arrive before the first event. */
    default void item(final ItemProfile profile) {
    }

    /** A rating event, in event-time order with the impressions. */
    default void rating(final RatingEvent event) {
    }

    /** An impression event, in event-time order with the ratings. */
    default void impression(final ImpressionEvent event) {
    }
}
