package dev.streamrec.it;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;

/**
 * Replays another source but holds it at gates, so a test can look at the running application between phases:
 * gate 0 before the first profile (the application is not started yet), gate {@code i} after {@code phase} x i
 * events. The first rating after each gate is made out of range, which streamrec must dead-letter.
 */
final class GatedSource implements EventSource {
    private final EventSource delegate;
    private final long phase;
    private boolean nextRatingBad = true;
    private final List<CountDownLatch> gates;
    private final List<CountDownLatch> reached;

    GatedSource(final EventSource delegate, final long phase, final int gates) {
        this.delegate = delegate;
        this.phase = phase;
        this.gates = java.util.stream.IntStream.range(0, gates).mapToObj(i -> new CountDownLatch(1)).toList();
        this.reached = java.util.stream.IntStream.range(0, gates).mapToObj(i -> new CountDownLatch(1)).toList();
    }

    /** Waits until the replay is held at gate {@code i}. */
    void awaitAt(final int i) throws InterruptedException {
        if (!reached.get(i).await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the source never reached gate " + i);
        }
    }

    /** Lets the replay go on past gate {@code i}. */
    void open(final int i) {
        gates.get(i).countDown();
    }

    @Override
    public void replay(final EventSink sink) {
        final long[] events = {0};
        final boolean[] profilesStarted = {false};
        delegate.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                if (!profilesStarted[0]) {
                    profilesStarted[0] = true;
                    hold(0);
                }
                sink.user(profile);
            }

            @Override
            public void item(final ItemProfile profile) {
                sink.item(profile);
            }

            @Override
            public void rating(final RatingEvent event) {
                ++events[0];
                if (nextRatingBad) {
                    nextRatingBad = false;
                    event.setRating(99f);
                }
                sink.rating(event);
                afterEvent(events[0]);
            }

            @Override
            public void impression(final ImpressionEvent event) {
                sink.impression(event);
                afterEvent(++events[0]);
            }
        });
    }

    private void afterEvent(final long n) {
        if (n % phase == 0 && n / phase < gates.size()) {
            hold((int) (n / phase));
        }
    }

    private void hold(final int i) {
        nextRatingBad = true;
        reached.get(i).countDown();
        try {
            if (!gates.get(i).await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate " + i + " was never opened");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
