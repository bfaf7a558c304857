/**
 * Input events for streamrec: where they come from and whether they may enter the topology.
 *
 * <ul>
 *   <li>{@link dev.streamrec.events.MovieLensDataset} reads a MovieLens directory (ml-100k or ml-1m layout) into
 *       user and item profiles and time-ordered rating events, plus one derived impression per rating (clicked when
 *       the rating is at least 4). Malformed lines are skipped and reported as
 *       {@link dev.streamrec.events.MalformedLine}s. MovieLens: F. M. Harper and J. A. Konstan, "The MovieLens
 *       Datasets: History and Context", ACM TiiS 5(4), 2015; the data is never part of this repository.</li>
 *   <li>{@link dev.streamrec.events.SyntheticStream} generates a seeded stream with a known latent-factor truth
 *       ({@link dev.streamrec.events.SyntheticConfig}).</li>
 *   <li>Both are {@link dev.streamrec.events.EventSource}s: profiles first, then events in event-time order, handed
 *       to an {@link dev.streamrec.events.EventSink}.</li>
 *   <li>{@link dev.streamrec.events.EventValidator} accepts a decoded record or rejects it with a
 *       {@link dev.streamrec.events.RejectReason} for the dead-letter topic.</li>
 * </ul>
 *
 * <p>Layering: this package uses only the JDK and the Avro-generated {@code dev.streamrec.schema} classes; it never
 * imports Kafka, so the loader, the demo and the topology can all use it.
 */
package dev.streamrec.events;
