package dev.streamrec.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

/**
 * An event source replayed once into memory: at most {@code maxEvents} events, each joined with the user and item
 * profile current at its position in the replay (what the topology's stores would hold). Repeated measurements then
 * run over the same events without re-generating or re-parsing them.
 */
public final class RecordedStream {
    private final List<BenchEvent> events;
    private final int users;
    private final int items;

    private RecordedStream(final List<BenchEvent> events, final int users, final int items) {
        this.events = List.copyOf(events);
        this.users = users;
        this.items = items;
    }

    /** Replays {@code source} and keeps its first {@code maxEvents} events. */
    public static RecordedStream record(final EventSource source, final long maxEvents) {
        final Recorder recorder = new Recorder(maxEvents);
        source.replay(recorder);
        return new RecordedStream(recorder.events, recorder.users.size(), recorder.items.size());
    }

    public List<BenchEvent> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    /** The first {@code n} events (all when {@code n} is larger). */
    public List<BenchEvent> prefix(final long n) {
        return events.subList(0, (int) Math.min(n, events.size()));
    }

    /** Distinct user profiles in the source. */
    public int users() {
        return users;
    }

    /** Distinct item profiles in the source. */
    public int items() {
        return items;
    }

    /** Click events among the recorded ones. */
    public long clicks() {
        return events.stream().filter(e -> e.type() == EventType.IMPRESSION).count();
    }

    private static final class Recorder implements EventSink {
        private final long maxEvents;
        private final Map<String, UserProfile> users = new HashMap<>();
        private final Map<String, ItemProfile> items = new HashMap<>();
        private final List<BenchEvent> events = new ArrayList<>();

        Recorder(final long maxEvents) {
            this.maxEvents = maxEvents;
        }

        @Override
        public void user(final UserProfile profile) {
            users.put(profile.getUserId(), profile);
        }

        @Override
        public void item(final ItemProfile profile) {
            items.put(profile.getItemId(), profile);
        }

        @Override
        public void rating(final RatingEvent e) {
            if (events.size() < maxEvents) {
                events.add(new BenchEvent(EventType.RATING, e.getEventId(), e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), e.getRating(), e.getContext(), users.get(e.getUserId()),
                    items.get(e.getItemId())));
            }
        }

        @Override
        public void impression(final ImpressionEvent e) {
            if (events.size() < maxEvents) {
                events.add(new BenchEvent(EventType.IMPRESSION, e.getEventId(), e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), e.getClicked() ? 1.0 : 0.0, e.getContext(),
                    users.get(e.getUserId()), items.get(e.getItemId())));
            }
        }
    }
}
