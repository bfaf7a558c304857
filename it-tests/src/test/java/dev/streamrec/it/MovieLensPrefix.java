package dev.streamrec.it;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;

/** The events a replay of ML-100k limited to its first events publishes (each impression, then its rating). */
final class MovieLensPrefix {
    private MovieLensPrefix() {
    }

    /** The ids of the first {@code count} events a replay of {@code dataset} emits, in replay order. */
    static Set<String> eventIds(final MovieLensDataset dataset, final long count) {
        final Set<String> ids = new LinkedHashSet<>();
        dataset.replay(new EventSink() {
            @Override
            public void rating(final RatingEvent event) {
                add(event.getEventId());
            }

            @Override
            public void impression(final ImpressionEvent event) {
                add(event.getEventId());
            }

            private void add(final String id) {
                if (ids.size() < count) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }
}
