/**
 * Offline evaluation of the model core, in process and without Kafka: replays an event source (a MovieLens
 * directory) in event-time order through the same {@link dev.streamrec.learning} core the topology uses, under the
 * prequential protocol (score every event, then learn it) or the offline one (learn the first part of the stream,
 * evaluate the frozen models on the rest), and writes a report: tables per task, parameter counts, throughput and
 * learning curves.
 */
package dev.streamrec.evaluation;
