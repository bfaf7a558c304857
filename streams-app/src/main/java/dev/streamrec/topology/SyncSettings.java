package dev.streamrec.topology;

/**
 * The stream's parameter-sync settings (docs/shared-model.md): rounds of {@code roundMillis} of event time (0 = off)
 * from the one holding {@code startMillis},
 * dense tensors every {@code denseEveryRounds} rounds, {@code tasks} scoring tasks (the partitions of the event
 * topics), deltas and merged rounds cut into records of at most {@code chunkBytes}.
 */
record SyncSettings(long roundMillis, long startMillis, int denseEveryRounds, int tasks, String deltasTopic,
                    String mergedTopic, int chunkBytes) {
    SyncSettings {
        if (roundMillis > 0 && startMillis < 0) {
            throw new org.apache.kafka.common.config.ConfigException(StreamrecConfig.SYNC_START_MS, startMillis,
                "parameter sync is on (" + StreamrecConfig.SYNC_ROUND_MS + "=" + roundMillis + "): set the event "
                    + "time of its first round");
        }
    }

    static SyncSettings of(final StreamrecConfig config) {
        return new SyncSettings(config.getLong(StreamrecConfig.SYNC_ROUND_MS),
            config.getLong(StreamrecConfig.SYNC_START_MS),
            config.getInt(StreamrecConfig.SYNC_DENSE_EVERY_ROUNDS), config.getInt(StreamrecConfig.PARTITIONS),
            config.topics().syncDeltas(), config.topics().syncMerged(),
            config.getInt(StreamrecConfig.SYNC_CHUNK_BYTES));
    }

    boolean on() {
        return roundMillis > 0;
    }

    /** The round an event time falls in; events before the first round belong to it. */
    long roundOf(final long eventTime) {
        return Math.max(firstRound(), Math.floorDiv(eventTime, roundMillis));
    }

    long firstRound() {
        return Math.floorDiv(startMillis, roundMillis);
    }
}
