package dev.streamrec.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws one PNG per metric with XChart: the metric over measured events, one line per model. */
final class LearningCurvePlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private LearningCurvePlots() {
    }

    /**
     * Writes {@code <metric key>.png} into {@code dir} for every metric some model has points for.
     *
     * @return the files written
     */
    static List<Path> write(final EvaluationResult result, final Path dir) throws IOException {
        final List<Path> written = new ArrayList<>();
        for (final Metric metric : Metric.values()) {
            final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(metric.title() + " (" + result.settings().protocol().name().toLowerCase(java.util.Locale.ROOT)
                    + ", " + result.source() + ")")
                .xAxisTitle(result.settings().protocol() == Protocol.OFFLINE ? "evaluated events" : "events")
                .yAxisTitle(metric.title()).build();
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            boolean any = false;
            for (final ModelResult model : result.models()) {
                final List<Double> x = new ArrayList<>();
                final List<Double> y = new ArrayList<>();
                for (final CurvePoint point : model.curve()) {
                    final double v = metric.of(point.metrics());
                    if (Double.isFinite(v) && metric.count(point.metrics()) > 0) {
                        x.add((double) point.events());
                        y.add(v);
                    }
                }
                if (!x.isEmpty()) {
                    final XYSeries series = chart.addSeries(model.model(), x, y);
                    series.setMarker(SeriesMarkers.NONE);
                    any = true;
                }
            }
            if (any) {
                final Path file = dir.resolve(metric.key() + ".png");
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
                written.add(file);
            }
        }
        return written;
    }
}
