/**
 * Parameter sync across stream tasks, without Kafka (docs/shared-model.md): a task's {@link
 * dev.streamrec.learning.sync.TaskSync} extracts its {@linkplain dev.streamrec.learning.sync.RoundDelta round delta}
 * from its models' parameter-layer parts, {@link dev.streamrec.learning.sync.RoundMerger} sums the deltas of every
 * task in task-id order, and the task applies a merged round. {@link dev.streamrec.learning.sync.DeltaCodec} is the
 * deltas' wire format.
 */
package dev.streamrec.learning.sync;
