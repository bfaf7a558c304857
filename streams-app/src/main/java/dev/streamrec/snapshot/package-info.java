/**
 * Model snapshots, Kafka-free: a model's full persisted state encoded as a deterministic payload
 * ({@link dev.streamrec.snapshot.SnapshotPayload}), split into chunks below a message size limit with a manifest
 * ({@link dev.streamrec.snapshot.SnapshotEncoder}), reassembled and checked by a reader
 * ({@link dev.streamrec.snapshot.SnapshotAssembler}), and exported as NumPy files
 * ({@link dev.streamrec.snapshot.SnapshotExporter}). The topology emits snapshots; the CLI reads them back.
 */
package dev.streamrec.snapshot;
