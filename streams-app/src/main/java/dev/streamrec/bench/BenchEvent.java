package dev.streamrec.bench;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/**
 * One event of a recorded stream, already enriched with the profiles the topology would look up for it (null when
 * none is known), so that a benchmark measures featurization and the models, not generation or parsing.
 *
 * @param label 1.0/0.0 (clicked) for impressions, the rating for ratings
 */
public record BenchEvent(EventType type, String eventId, String userId, String itemId, long eventTime, double label,
                         Attributes context, UserProfile user, ItemProfile item) {
}
