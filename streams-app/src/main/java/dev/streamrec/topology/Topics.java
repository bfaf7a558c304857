package dev.streamrec.topology;

import java.util.List;
import java.util.Objects;

/** The names of streamrec's topics, as configured. */
public record Topics(String impressions, String ratings, String users, String items, String scoredEvents,
                     String deadLetters, String snapshots) {
    public Topics {
        for (final String name : List.of(impressions, ratings, users, items, scoredEvents, deadLetters, snapshots)) {
            if (Objects.requireNonNull(name, "topic name").isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }
}
