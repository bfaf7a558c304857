package dev.streamrec.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedEvaluationTest {
    private static final int RATINGS = 250;
    private static final long TEN_MINUTES = 600_000;
    private static final ValidationConfig VALIDATION = new ValidationConfig(1f, 5f, 0L,
        ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS);

    /** Small towers, small batches: many steps in 500 events. */
    private static Map<String, String> smallModels() {
        final Map<String, String> p = new HashMap<>();
        p.put("deepmix.embedding.dim", "4");
        p.put("deepmix.dnn.hidden", "16");
        p.put("deepmix.cross.rank", "4");
        p.put("deepmix.batch.size", "8");
        p.put("lcwd.batch.size", "8");
        return p;
    }

    private static PartitionedEvaluation.Result run(final Path data, final int partitions,
                                                    final PartitionedEvaluation.Sync sync) throws IOException {
        final Map<String, String> p = smallModels();
        final FeatureConfig features = FeatureConfig.fromProperties(p);
        final ModelFactory models = new ModelFactory(List.of("lr", "lcwd", "deepmix"), p, features, VALIDATION);
        final MovieLensDataset dataset = MovieLensDataset.open(data, bad -> {
            throw new AssertionError("malformed fixture line " + bad);
        });
        return new PartitionedEvaluation(features, VALIDATION, models, partitions,
            user -> Integer.parseInt(user) % partitions, sync, Long.MAX_VALUE).run(dataset);
    }

    @Test
    void shouldGiveOnePartitionWithSyncExactlyTheMetricsOfEvaluate(@TempDir final Path dir) throws IOException {
        final Path data = MovieLensFixture.write(dir, 30, 24, RATINGS, 11);
        final PartitionedEvaluation.Result synced = run(data, 1, new PartitionedEvaluation.Sync(TEN_MINUTES, 1));
        final PartitionedEvaluation.Result alone = run(data, 1, PartitionedEvaluation.Sync.OFF);
        final Map<String, String> p = smallModels();
        final FeatureConfig features = FeatureConfig.fromProperties(p);
        final EvaluationResult evaluate = new Evaluation(features, VALIDATION,
            new ModelFactory(List.of("lr", "lcwd", "deepmix"), p, features, VALIDATION),
            EvaluationSettings.prequential()).run("fixture", MovieLensDataset.open(data, bad -> { }));

        assertTrue(synced.rounds() > 20, "rounds: " + synced.rounds());
        assertEquals(2 * RATINGS, synced.events());
        for (int m = 0; m < 3; m++) {
            final MetricsSnapshot e = evaluate.models().get(m).metrics();
            for (final PartitionedEvaluation.Result r : List.of(synced, alone)) {
                final MetricsSnapshot s = r.metrics().get(m);
                assertEquals(e.auc(), s.auc(), e.model());
                assertEquals(e.logLoss(), s.logLoss(), e.model());
                assertEquals(e.mae(), s.mae(), e.model());
                assertEquals(e.rmse(), s.rmse(), e.model());
            }
        }
    }

    @Test
    void shouldShareLearningAcrossPartitionsDeterministically(@TempDir final Path dir) throws IOException {
        final Path data = MovieLensFixture.write(dir, 30, 24, RATINGS, 11);
        final PartitionedEvaluation.Sync sync = new PartitionedEvaluation.Sync(TEN_MINUTES, 2);
        final PartitionedEvaluation.Result first = run(data, 3, sync);
        final PartitionedEvaluation.Result again = run(data, 3, sync);
        final PartitionedEvaluation.Result off = run(data, 3, PartitionedEvaluation.Sync.OFF);

        assertArrayEquals(new long[] {first.eventsPerTask()[0], first.eventsPerTask()[1], first.eventsPerTask()[2]},
            off.eventsPerTask());
        assertEquals(first.metrics(), again.metrics(), "same input, same metrics, bit for bit");
        assertEquals(first.deltaBytes(), again.deltaBytes());
        assertTrue(first.deltaBytes() > 0 && first.mergedBytes() > 0);
        for (int m = 0; m < 3; m++) {
            assertNotEquals(off.metrics().get(m).logLoss(), first.metrics().get(m).logLoss(),
                first.metrics().get(m).model() + " learns from the other partitions with sync on");
        }
    }

    @Test
    void rejectsNoPartitionsANegativeRoundAndNoStaleness() {
        assertThrows(IllegalArgumentException.class, () -> new PartitionedEvaluation.Sync(TEN_MINUTES, 0));
        assertThrows(IllegalArgumentException.class, () -> new PartitionedEvaluation.Sync(-1, 1));
        final Map<String, String> p = smallModels();
        final FeatureConfig features = FeatureConfig.fromProperties(p);
        final ModelFactory models = new ModelFactory(List.of("lr"), p, features, VALIDATION);
        assertThrows(IllegalArgumentException.class, () -> new PartitionedEvaluation(features, VALIDATION, models, 0,
            user -> 0, PartitionedEvaluation.Sync.OFF, Long.MAX_VALUE));
    }
}
