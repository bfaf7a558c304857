package dev.streamrec.topology;

import dev.streamrec.schema.SnapshotRecord;

/** A chunk or manifest of a model snapshot, bound for the model-snapshots topic under {@code key}. */
public record SnapshotPart(String key, SnapshotRecord record) implements Routed {
}
