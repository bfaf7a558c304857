/**
 * The parameter layer every model persists through: named parts of a model's state ({@link
 * dev.streamrec.models.params.DenseTensor dense tensors} with their optimiser slots, one {@link
 * dev.streamrec.models.params.SparseRowTable sparse-row table} with lazy per-row optimiser steps, FTRL coordinates,
 * a {@link dev.streamrec.models.params.PendingBatch pending mini-batch}, counters), each with dirty tracking in
 * coarse blocks, registered in one {@link dev.streamrec.models.params.ModelState} that implements
 * {@code drainChanges} and {@code restore} once, over one versioned codec ({@link
 * dev.streamrec.models.params.StateCodec}). No Kafka.
 */
package dev.streamrec.models.params;
