package dev.streamrec.cli;

import java.util.Collection;
import java.util.Locale;

import dev.streamrec.metrics.MetricsSnapshot;

/** Running metrics in a few characters, for a progress line: each model's AUC, then each model's rating MAE. */
final class MetricsLine {
    private MetricsLine() {
    }

    /** E.g. {@code AUC lr 0.712 deepmix 0.731 | MAE lr 0.781 deepmix 0.752}; a metric with no value is left out. */
    static String of(final Collection<MetricsSnapshot> models) {
        final StringBuilder auc = new StringBuilder();
        final StringBuilder mae = new StringBuilder();
        for (final MetricsSnapshot m : models) {
            if (!Double.isNaN(m.auc())) {
                auc.append(String.format(Locale.ROOT, " %s %.3f", m.model(), m.auc()));
            }
            if (!Double.isNaN(m.mae())) {
                mae.append(String.format(Locale.ROOT, " %s %.3f", m.model(), m.mae()));
            }
        }
        final String aucText = auc.isEmpty() ? "" : "AUC" + auc;
        final String maeText = mae.isEmpty() ? "" : "MAE" + mae;
        return aucText.isEmpty() || maeText.isEmpty() ? aucText + maeText : aucText + " | " + maeText;
    }
}
