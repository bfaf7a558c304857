package dev.streamrec.snapshot;

import java.util.List;
import java.util.Objects;

import dev.streamrec.schema.SnapshotManifest;

/** A complete, checked snapshot: its manifest and its payload. */
public record Snapshot(SnapshotManifest manifest, byte[] payload) {
    public Snapshot {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(payload, "payload");
    }

    /** The model's persisted state entries, in key order. */
    public List<StateEntry> entries() {
        return SnapshotPayload.decode(payload);
    }

    public String model() {
        return manifest.getModel();
    }

    public String task() {
        return manifest.getTask();
    }

    public long version() {
        return manifest.getVersion();
    }
}
