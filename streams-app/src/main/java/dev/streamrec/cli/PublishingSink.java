package dev.streamrec.cli;

import dev.streamrec.events.EventSink;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

/**
 * Forwards a source's replay to a publisher: every profile, then at most {@code maxEvents} events. Runs a hook
 * once, just before the first event, so a caller can start the application once all profiles are published, and
 * another after each event (progress).
 */
public final class PublishingSink implements EventSink {
    private final EventPublisher publisher;
    private final long maxEvents;
    private final Runnable beforeFirstEvent;
    private final Runnable afterEachEvent;
    private volatile long published;
    private volatile boolean finished;

    public PublishingSink(final EventPublisher publisher, final long maxEvents, final Runnable beforeFirstEvent,
                          final Runnable afterEachEvent) {
        this.publisher = publisher;
        this.maxEvents = maxEvents;
        this.beforeFirstEvent = beforeFirstEvent;
        this.afterEachEvent = afterEachEvent;
    }

    @Override
    public void user(final UserProfile profile) {
        publisher.user(profile);
    }

    @Override
    public void item(final ItemProfile profile) {
        publisher.item(profile);
    }

    @Override
    public void rating(final RatingEvent event) {
        if (admit()) {
            publisher.rating(event);
            afterEachEvent.run();
        }
    }

    @Override
    public void impression(final ImpressionEvent event) {
        if (admit()) {
            publisher.impression(event);
            afterEachEvent.run();
        }
    }

    private boolean admit() {
        if (published >= maxEvents) {
            return false;
        }
        if (published == 0) {
            beforeFirstEvent.run();
        }
        published++;
        return true;
    }

    /** Events handed to the publisher so far. */
    public long published() {
        return published;
    }

    void finish() {
        finished = true;
    }

    boolean finished() {
        return finished;
    }
}
