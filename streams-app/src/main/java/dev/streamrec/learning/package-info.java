/**
 * The model core shared by the streaming topology and the in-process commands: featurize an enriched event, have
 * every model score it before learning from it (prequential), record the prequential metrics, then let every model
 * learn and persist its changes. Knows nothing of Kafka: the topology hands it changelogged stores as
 * {@link dev.streamrec.models.ParameterSink}s, in-process callers whatever sink they like.
 */
package dev.streamrec.learning;
