package dev.streamrec.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.streamrec.schema.SnapshotChunk;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;

/**
 * Reassembles snapshots from the records of the snapshot topic, read in order (streamrec writes all records of one
 * model and task to one partition, chunks before their manifest). A manifest completes its snapshot when every
 * chunk of its id has been seen and the concatenation has the manifest's length and SHA-256; otherwise the snapshot
 * is reported {@linkplain #incomplete() incomplete} (e.g. chunks compacted away or lost) and skipped.
 *
 * <p>Keeps the latest complete snapshot per model and task, or, with a wanted version, only that version's.
 * Buffers the chunks of at most the snapshot in flight per model and task.
 */
public final class SnapshotAssembler {
    private final long wantedVersion;
    private final Map<String, Map<Integer, byte[]>> pending = new HashMap<>();
    private final Map<String, Snapshot> kept = new TreeMap<>();
    private final List<String> incomplete = new ArrayList<>();

    /** Keeps the latest complete snapshot of every model and task. */
    public SnapshotAssembler() {
        this(-1);
    }

    /** Keeps only snapshots of {@code wantedVersion} ({@code -1}: the latest of each model and task). */
    public SnapshotAssembler(final long wantedVersion) {
        this.wantedVersion = wantedVersion;
    }

    /** Takes the next record of the topic (in partition order). */
    public void accept(final SnapshotRecord record) {
        if (record.getBody() instanceof SnapshotChunk chunk) {
            final String id = chunk.getSnapshotId();
            final String modelTask = modelTask(id);
            // A chunk of a newer snapshot of the same model and task: the older one can never complete any more.
            pending.keySet().removeIf(other -> !other.equals(id) && modelTask(other).equals(modelTask));
            pending.computeIfAbsent(id, k -> new TreeMap<>()).put(chunk.getIndex(), bytes(chunk.getData()));
        } else if (record.getBody() instanceof SnapshotManifest manifest) {
            complete(manifest);
        } else {
            throw new IllegalArgumentException("unknown snapshot record body " + record.getBody());
        }
    }

    private void complete(final SnapshotManifest manifest) {
        final String id = manifest.getSnapshotId();
        final Map<Integer, byte[]> chunks = pending.remove(id);
        final int expected = manifest.getChunkCount();
        if (chunks == null || chunks.size() != expected) {
            incomplete.add(id + ": " + (chunks == null ? 0 : chunks.size()) + " of " + expected + " chunks");
            return;
        }
        final ByteArrayOutputStream payload = new ByteArrayOutputStream((int) manifest.getPayloadBytes());
        for (int i = 0; i < expected; i++) {
            final byte[] chunk = chunks.get(i);
            if (chunk == null) {
                incomplete.add(id + ": chunk " + i + " missing");
                return;
            }
            payload.writeBytes(chunk);
        }
        final byte[] bytes = payload.toByteArray();
        if (bytes.length != manifest.getPayloadBytes()
            || !ModelConfiguration.sha256(bytes).equals(manifest.getSha256())) {
            incomplete.add(id + ": payload length or checksum differs from the manifest");
            return;
        }
        if (wantedVersion < 0 || manifest.getVersion() == wantedVersion) {
            kept.put(manifest.getModel() + "/" + manifest.getTask(), new Snapshot(manifest, bytes));
        }
    }

    /** The kept snapshots, ordered by model and task. */
    public List<Snapshot> snapshots() {
        return List.copyOf(kept.values());
    }

    /** The kept snapshot of {@code model} in {@code task}. */
    public Optional<Snapshot> snapshot(final String model, final String task) {
        return Optional.ofNullable(kept.get(model + "/" + task));
    }

    /** Snapshots whose manifest was read but whose chunks were missing or corrupt, with the reason. */
    public List<String> incomplete() {
        return List.copyOf(incomplete);
    }

    private static String modelTask(final String snapshotId) {
        return snapshotId.substring(0, snapshotId.lastIndexOf('/'));
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer copy = buffer.duplicate();
        final byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
