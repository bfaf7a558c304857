package dev.streamrec.topology;

/**
 * What flows between streamrec's processors: a decoded input event (or a {@link SnapshotRequest} or a
 * {@link RoundMark}), a scored event, a snapshot part or a parameter-sync {@link DeltaChunk} ready for its output
 * topic, or a rejected record on its way to the dead-letter topic. One type, so every path ends in one router.
 */
public sealed interface Routed permits DecodedEvent, Scored, Rejection, SnapshotPart, SnapshotRequest, RoundMark,
    DeltaChunk {
}
