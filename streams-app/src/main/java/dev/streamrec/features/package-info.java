/**
 * Featurization: events and profiles to hashed sparse features.
 *
 * <p>{@link dev.streamrec.features.FeatureConfig} holds the validated settings ({@code features.*} keys),
 * {@link dev.streamrec.features.FeatureGroups} the dense group ids, {@link dev.streamrec.features.FeatureHasher} the
 * seeded, allocation-free MurmurHash3 of {@code group SEP value} into {@code [0, 2^hashBits)}, and
 * {@link dev.streamrec.features.Featurizer} fills the reusable {@link dev.streamrec.features.SparseFeatures} buffers
 * of an {@link dev.streamrec.features.Example}. Pure Java: no Kafka, no state stores, no models.
 */
package dev.streamrec.features;
