package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.cli.OutputReader;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.StreamsRunner;
import dev.streamrec.topology.StreamrecTopology;
import dev.streamrec.topology.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of ML-100k (100,000 ratings and their 100,000 derived impressions), plus malformed records of every
 * kind, through streamrec on a real broker with exactly-once: a read_committed consumer must see every input event
 * exactly once, either scored or dead-lettered with the right reason.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class MovieLensExactlyOnceIT {
    @TempDir
    Path stateDir;

    @Test
    void everyInputEventIsScoredOrDeadLetteredExactlyOnce() throws Exception {
        final Path movieLens = SharedData.movieLens100k().orElse(null);
        Assumptions.assumeTrue(movieLens != null,
            "ML-100k not found beside the repository (../shared/data/ml-100k); skipping");
        try (StreamrecCluster cluster = new StreamrecCluster("ml100k-eos", stateDir, 2, Map.of())) {
            final Topics topics = cluster.config.topics();
            final Set<String> published = new HashSet<>();
            final Map<String, Long> expectedRejections;
            try (EventPublisher publisher = new EventPublisher(cluster.config.clientProperties(), topics,
                cluster.serdes)) {
                final MovieLensDataset dataset = MovieLensDataset.open(movieLens, malformed -> { });
                dataset.replay(publisher);
                dataset.ratings().forEach(event -> published.add(event.getEventId()));
                dataset.impressions().forEach(event -> published.add(event.getEventId()));
                expectedRejections = MalformedRecords.publish(publisher, topics, cluster.serdes);
                publisher.flush();
            }
            final long expected = published.size() + expectedRejections.values().stream().mapToLong(v -> v).sum();
            final Set<String> scoredIds = new HashSet<>();
            long duplicates = 0;
            final long started = System.nanoTime();
            try (StreamsRunner runner = new StreamsRunner(StreamrecTopology.build(cluster.config,
                     HttpSchemaRegistryClient.fromConfigs(cluster.config.originalsStrings())),
                     cluster.config.streamsProperties());
                 OutputReader outputs = new OutputReader(cluster.config.clientProperties(), topics, cluster.serdes,
                     10_000)) {
                runner.start();
                final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12);
                final long[] dup = {0};
                while (outputs.scored() + outputs.deadLetters() < expected && System.nanoTime() < deadline
                    && runner.failure() == null) {
                    outputs.poll(Duration.ofMillis(500), event -> {
                        if (!scoredIds.add(event.getEventId())) {
                            dup[0]++;
                        }
                    }, null);
                }
                // Anything beyond the expected count would be a duplicate: read a little longer to catch it.
                outputs.poll(Duration.ofSeconds(2), event -> {
                    if (!scoredIds.add(event.getEventId())) {
                        dup[0]++;
                    }
                }, null);
                duplicates = dup[0];
                assertNull(runner.failure(), "streamrec failed");
                final double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "ML-100k end to end: %d events in %.1f s = %.0f events/s%n",
                    expected, seconds, expected / seconds);
                for (final MetricsSnapshot s : outputs.metrics().values()) {
                    System.out.printf(Locale.ROOT, "ML-100k prequential %-8s AUC %.4f logloss %.4f MAE %.4f "
                        + "RMSE %.4f (clicks %d, ratings %d)%n", s.model(), s.auc(), s.logLoss(), s.mae(), s.rmse(),
                        s.clickCount(), s.ratingCount());
                }
                assertEquals(0, duplicates, "scored events seen twice");
                assertEquals(published, scoredIds, "every valid event scored exactly once");
                assertEquals(expectedRejections, outputs.deadLettersByReason(), "dead letters by reason");
                assertEquals(expected, outputs.scored() + outputs.deadLetters(), "input = scored + dead-lettered");
            }
        }
    }
}
