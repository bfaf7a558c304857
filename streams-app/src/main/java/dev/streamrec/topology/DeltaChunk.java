package dev.streamrec.topology;

/** One record of a task's round delta on its way to the sync-deltas topic ({@link SyncChunks} key and bytes). */
record DeltaChunk(byte[] key, byte[] value) implements Routed {
}
