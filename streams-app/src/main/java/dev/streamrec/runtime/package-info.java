/**
 * What running streamrec on Kafka needs besides the topology, for the commands in {@code cli} and for tests: a
 * Kafka Streams client's lifecycle ({@link dev.streamrec.runtime.StreamsRunner}: start, wait, failure, close),
 * its state-restore log, and the warm-start states read from an export directory or the snapshot topic.
 */
package dev.streamrec.runtime;
