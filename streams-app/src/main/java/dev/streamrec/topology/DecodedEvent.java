package dev.streamrec.topology;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;

/**
 * An input event that decoded and validated, in the one shape both event types share.
 *
 * @param label    1.0/0.0 (clicked) for impressions, the rating for ratings
 * @param rawKey   the record's key bytes as consumed (for the dead-letter topic if a later step rejects it)
 * @param rawValue the record's value bytes as consumed
 */
public record DecodedEvent(EventType type, String eventId, String userId, String itemId, long eventTime,
                           double label, Attributes context, byte[] rawKey, byte[] rawValue) implements Routed {
}
