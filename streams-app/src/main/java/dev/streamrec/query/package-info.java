/**
 * Live queries: scores and top-K recommendations answered over HTTP from the in-memory models of the stream task
 * that owns the user ({@code docs/live-queries.md}). {@link dev.streamrec.query.LiveModels} is one instance's
 * registry of its tasks' models; each {@link dev.streamrec.query.LiveTask} holds the lock that keeps a query's
 * reads and the stream thread's learning apart. {@link dev.streamrec.query.CandidateScorer} scores and ranks,
 * {@link dev.streamrec.query.QueryRouter} finds the owning instance through Kafka Streams' interactive-query
 * metadata and forwards to it, {@link dev.streamrec.query.QueryHandlers} speaks HTTP and JSON. Nothing here
 * learns, writes a store or forwards a record: queries never change a model or any output of the stream.
 */
package dev.streamrec.query;
