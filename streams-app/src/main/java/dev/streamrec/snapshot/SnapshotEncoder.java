package dev.streamrec.snapshot;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.streamrec.schema.SnapshotChunk;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;

/**
 * Turns one model's state into the records of the snapshot topic: the payload's chunks (each at most
 * {@code maxChunkBytes}), then the manifest. Keys are {@code <model>/<task>/chunk/<i>} and
 * {@code <model>/<task>/manifest}, so a compacted topic keeps the latest snapshot of each model and task.
 */
public final class SnapshotEncoder {
    private final int maxChunkBytes;

    /** A record of the snapshot topic and its key. */
    public record KeyedRecord(String key, SnapshotRecord value) {
    }

    public SnapshotEncoder(final int maxChunkBytes) {
        if (maxChunkBytes < 1) {
            throw new IllegalArgumentException("maxChunkBytes must be positive, got " + maxChunkBytes);
        }
        this.maxChunkBytes = maxChunkBytes;
    }

    /** The records of one snapshot, chunks first, manifest last. */
    public List<KeyedRecord> encode(final SnapshotHeader header, final List<StateEntry> entries) {
        final byte[] payload = SnapshotPayload.encode(entries);
        final int chunks = Math.max(1, (payload.length + maxChunkBytes - 1) / maxChunkBytes);
        final String id = header.snapshotId();
        final List<KeyedRecord> records = new ArrayList<>(chunks + 1);
        for (int i = 0; i < chunks; i++) {
            final int from = i * maxChunkBytes;
            final byte[] data = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + maxChunkBytes));
            records.add(new KeyedRecord(chunkKey(header.model(), header.task(), i),
                new SnapshotRecord(new SnapshotChunk(id, i, ByteBuffer.wrap(data)))));
        }
        final SnapshotManifest manifest = SnapshotManifest.newBuilder()
            .setSnapshotId(id)
            .setFormatVersion(SnapshotPayload.FORMAT_VERSION)
            .setModel(header.model())
            .setModelType(header.modelType())
            .setVersion(header.version())
            .setTask(header.task())
            .setPartition(header.partition())
            .setStreamTime(java.time.Instant.ofEpochMilli(header.streamTime()))
            .setInputPositions(new java.util.TreeMap<>(header.inputPositions()))
            .setConfig(new java.util.TreeMap<>(header.config()))
            .setConfigHash(ModelConfiguration.hash(header.config()))
            .setMetrics(new java.util.TreeMap<>(header.metrics()))
            .setParameterCount(header.parameterCount())
            .setStateEntries(entries.size())
            .setPayloadBytes(payload.length)
            .setChunkCount(chunks)
            .setSha256(ModelConfiguration.sha256(payload))
            .build();
        records.add(new KeyedRecord(manifestKey(header.model(), header.task()), new SnapshotRecord(manifest)));
        return records;
    }

    public static String manifestKey(final String model, final String task) {
        return model + "/" + task + "/manifest";
    }

    public static String chunkKey(final String model, final String task, final int index) {
        return model + "/" + task + "/chunk/" + index;
    }
}
