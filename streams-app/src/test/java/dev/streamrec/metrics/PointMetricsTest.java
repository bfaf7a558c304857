package dev.streamrec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Task;
import org.junit.jupiter.api.Test;

class PointMetricsTest {
    @Test
    void shouldAverageLogLossAndClipCertainMistakes() {
        final LogLoss loss = new LogLoss();
        assertTrue(Double.isNaN(loss.value()));
        loss.add(1, 0.8); // -ln 0.8 = 0.22314355131420976
        loss.add(0, 0.8); // -ln 0.2 = 1.6094379124341003
        assertEquals((0.22314355131420976 + 1.6094379124341003) / 2, loss.value(), 1e-12);
        final LogLoss clipped = new LogLoss();
        clipped.add(1, 0.0); // -ln 1e-15 = 34.538776394910684
        assertEquals(34.538776394910684, clipped.value(), 1e-9);
    }

    @Test
    void shouldComputeMaeAndRmse() {
        final MeanAbsoluteError mae = new MeanAbsoluteError();
        final RootMeanSquaredError rmse = new RootMeanSquaredError();
        final double[] labels = {3, 5, 1};
        final double[] predictions = {4, 3, 1};
        for (int i = 0; i < 3; i++) {
            mae.add(labels[i], predictions[i]);
            rmse.add(labels[i], predictions[i]);
        }
        assertEquals(1.0, mae.value(), 1e-12); // (1 + 2 + 0) / 3
        assertEquals(Math.sqrt(5.0 / 3), rmse.value(), 1e-12); // sqrt((1 + 4 + 0) / 3)
    }

    @Test
    void shouldGroupMetricsPerTaskInASnapshot() {
        final PrequentialMetrics metrics = new PrequentialMetrics("lr", 100);
        metrics.record(Task.CLICK, 1, 0.9);
        metrics.record(Task.CLICK, 0, 0.2);
        metrics.record(Task.RATING, 4, 3.5);
        final MetricsSnapshot s = metrics.snapshot();
        assertEquals("lr", s.model());
        assertEquals(2, s.clickCount());
        assertEquals(1, s.ratingCount());
        assertEquals(2, s.aucWindowSize());
        assertEquals(1.0, s.auc());
        assertEquals((-Math.log(0.9) - Math.log(0.8)) / 2, s.logLoss(), 1e-12);
        assertEquals(0.5, s.mae(), 1e-12);
        assertEquals(0.5, s.rmse(), 1e-12);
    }
}
