package dev.streamrec.topology;

import java.util.List;
import java.util.Objects;

/**
 * The names of streamrec's topics, as configured; the two parameter-sync topics are used (and created) only when
 * {@code sync} is on (docs/shared-model.md).
 */
public record Topics(String impressions, String ratings, String users, String items, String scoredEvents,
                     String deadLetters, String snapshots, String syncDeltas, String syncMerged, boolean sync) {
    public Topics {
        for (final String name : List.of(impressions, ratings, users, items, scoredEvents, deadLetters, snapshots,
            syncDeltas, syncMerged)) {
            if (Objects.requireNonNull(name, "topic name").isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }
}
