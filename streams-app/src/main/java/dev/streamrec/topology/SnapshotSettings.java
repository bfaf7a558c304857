package dev.streamrec.topology;

import java.util.Map;
import java.util.Objects;

/**
 * How the scoring processor snapshots its models and what it warm-starts from.
 *
 * @param everyEvents        snapshot after this many scored events per task (0: never by count)
 * @param everyMs            snapshot when stream time enters a new interval of this length (0: never by time)
 * @param chunkBytes         largest payload chunk per snapshot record
 * @param modelConfiguration the configuration snapshots record (see {@link StreamrecConfig#modelConfiguration()})
 * @param warmStart          states to start empty model stores from
 */
public record SnapshotSettings(long everyEvents, long everyMs, int chunkBytes, Map<String, String> modelConfiguration,
                               WarmStartStates warmStart) {
    public SnapshotSettings {
        modelConfiguration = Map.copyOf(modelConfiguration);
        Objects.requireNonNull(warmStart, "warmStart");
    }

    /** The settings of {@code config}, with the given warm start. */
    public static SnapshotSettings of(final StreamrecConfig config, final WarmStartStates warmStart) {
        return new SnapshotSettings(config.getLong(StreamrecConfig.SNAPSHOT_EVERY_EVENTS),
            config.getLong(StreamrecConfig.SNAPSHOT_EVERY_MS), config.getInt(StreamrecConfig.SNAPSHOT_CHUNK_BYTES),
            config.modelConfiguration(), warmStart);
    }
}
