package dev.streamrec.events;

/**
 * A finite, replayable source of profiles and events: a MovieLens directory or a synthetic generator.
 *
 * <p>Contract of {@link #replay}: first every user profile, then every item profile, then the events in
 * non-decreasing event time; replaying twice yields equal records in the same order.
 */
public interface EventSource {
    /**
     * Hands every profile and then every event to {@code sink}, on the calling thread.
     *
     * @param sink receives the records
     */
    void replay(EventSink sink);
}
