/**
 * Throughput measurement of the Kafka-free model core: a stream replayed once into memory
 * ({@link dev.streamrec.bench.RecordedStream}), passed through the same featurize / score / learn / drain path the
 * topology uses ({@link dev.streamrec.bench.ModelCoreRun}), repeated with warm-up and summarized as median and
 * spread ({@link dev.streamrec.bench.CoreBench}, {@link dev.streamrec.bench.Spread}); the dense tower's GFLOP/s next
 * to ND4J's gemm ({@link dev.streamrec.bench.TowerSpeed}); a dump of LR's exact input for a peer learner
 * ({@link dev.streamrec.bench.PeerDump}); latency percentiles, process memory and the per-store changelog
 * arithmetic ({@link dev.streamrec.bench.ChangelogTraffic}) for the end-to-end run in {@code cli}. Knows nothing of
 * Kafka.
 */
package dev.streamrec.bench;
