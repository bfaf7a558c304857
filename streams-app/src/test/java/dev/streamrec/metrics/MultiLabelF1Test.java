package dev.streamrec.metrics;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultiLabelF1Test {
    @Test
    void shouldComputeMicroAndMacroF1() {
        final MultiLabelF1 f1 = new MultiLabelF1(2, 0.5);
        f1.record(new double[] {0.9, 0.1}, new int[] {0});
        f1.record(new double[] {0.9, 0.9}, new int[] {1});
        f1.record(new double[] {0.2, 0.2}, new int[] {1});
        // label 0: TP 1, FP 1 -> F1 2/3; label 1: TP 1, FN 1 -> 2/3; micro: TP 2, FP 1, FN 1 -> 4/6
        assertEquals(2.0 / 3, f1.microF1(), 1e-12);
        assertEquals(2.0 / 3, f1.macroF1(), 1e-12);
        assertEquals(3, f1.items());
    }

    @Test
    void shouldKeepEachLabelsCountsWhoseF1AveragesToMacroF1() {
        final MultiLabelF1 f1 = new MultiLabelF1(3, 0.5);
        f1.record(new double[] {0.9, 0.6, 0.1}, new int[] {0});
        f1.record(new double[] {0.9, 0.1, 0.1}, new int[] {1});
        f1.record(new double[] {0.1, 0.1, 0.1}, new int[] {0, 1});
        final List<LabelCounts> labels = f1.perLabel();
        // label 0: TP 1, FP 1, FN 1; label 1: FP 1, FN 2 (predicted once, wrongly); label 2 never occurs
        assertEquals(new LabelCounts(0, 1, 1, 1), labels.get(0));
        assertEquals(new LabelCounts(1, 0, 1, 2), labels.get(1));
        assertEquals(new LabelCounts(2, 0, 0, 0), labels.get(2));
        assertEquals(2, labels.get(0).support());
        assertEquals(2, labels.get(0).predicted());
        assertEquals(0.5, labels.get(0).f1(), 1e-12);
        assertEquals(0.0, labels.get(1).f1(), 1e-12);
        assertEquals((labels.get(0).f1() + labels.get(1).f1()) / 2, f1.macroF1(), 1e-12);
        final PrequentialMetrics metrics = new PrequentialMetrics("m");
        assertEquals(List.of(), metrics.perLabel());
        metrics.recordItem(new double[] {0.9, 0.1}, new int[] {1});
        assertEquals(List.of(new LabelCounts(0, 0, 1, 0), new LabelCounts(1, 0, 0, 1)), metrics.perLabel());
    }

    @Test
    void shouldAverageMacroF1OnlyOverLabelsThatOccurred() {
        final MultiLabelF1 f1 = new MultiLabelF1(3);
        f1.record(new double[] {0.9, 0.1, 0.1}, new int[] {0});
        f1.record(new double[] {0.1, 0.1, 0.1}, new int[] {1});
        // label 0: F1 1; label 1: F1 0; label 2 never occurs and is left out
        assertEquals(0.5, f1.macroF1(), 1e-12);
        assertEquals(2.0 / 3, f1.microF1(), 1e-12);
    }

    @Test
    void shouldFeedGenreF1IntoThePrequentialSnapshot() {
        final PrequentialMetrics metrics = new PrequentialMetrics("m");
        assertEquals(0, metrics.snapshot().itemCount());
        assertEquals(Double.NaN, metrics.snapshot().microF1());
        metrics.recordItem(new double[] {0.9, 0.1}, new int[] {0});
        assertEquals(1, metrics.snapshot().itemCount());
        assertEquals(1.0, metrics.snapshot().microF1());
        assertEquals(1.0, metrics.snapshot().macroF1());
    }

    @Test
    void shouldRejectAProbabilityVectorOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new MultiLabelF1(3).record(new double[2], new int[0]));
    }
}
