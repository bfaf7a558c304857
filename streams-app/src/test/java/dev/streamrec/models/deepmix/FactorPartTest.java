package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.params.SparseRowTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactorPartTest {
    private static final DeepMixConfig CONFIG = SyntheticStream.smallConfig().with("deepmix.factor.dim", "4",
        "deepmix.factor.l2", "0", "deepmix.factor.init", "0.3");

    private static FactorPart trained(final DeepMixConfig config) {
        final FactorPart part = new FactorPart(config);
        for (final Example e : new SyntheticStream(3).next(300, 0.5)) {
            final double z = part.dot(e.task(), e.categorical());
            part.update(e.task(), e.categorical(), e.task() == Task.CLICK ? z - e.label() : z + 3 - e.label());
        }
        return part;
    }

    @Test
    void shouldAddExactlyZeroBeforeAnyStepAndNeverMutateWhenScoring() {
        final FactorPart part = new FactorPart(CONFIG);
        final Example e = new SyntheticStream(4).next(1, 1.0).get(0);
        assertEquals(0.0, part.dot(e.task(), e.categorical()));
        assertEquals(0, part.size());
        final FactorPart learned = trained(CONFIG);
        final long rows = learned.size();
        final double once = learned.dot(e.task(), e.categorical());
        assertEquals(once, learned.dot(e.task(), e.categorical()));
        assertEquals(rows, learned.size());
        assertNotEquals(0.0, once);
    }

    @Test
    void shouldMatchFiniteDifferencesOfHalfSquaredError() {
        final FactorPart part = trained(CONFIG);
        final Example e = new SyntheticStream(5).next(1, 1.0).get(0);
        final SparseFeatures x = e.categorical();
        final double y = 0.7;
        part.addGradients(Task.RATING, x, part.dot(Task.RATING, x) - y);
        final SparseRowTable table = part.table(Task.RATING);
        int checked = 0;
        for (int j = 0; j < x.size(); j++) {
            final int slot = table.slot(EmbeddingTables.key(x.group(j), x.index(j)));
            assertTrue(slot >= 0, "row of feature " + j + " created");
            final float[] analytic = table.pendingGradient(slot);
            for (int k = 0; k < table.width(); k++) {
                final int at = slot * table.width() + k;
                final float orig = table.values()[at];
                table.values()[at] = orig + 1e-3f;
                final double plus = 0.5 * Math.pow(part.dot(Task.RATING, x) - y, 2);
                table.values()[at] = orig - 1e-3f;
                final double minus = 0.5 * Math.pow(part.dot(Task.RATING, x) - y, 2);
                table.values()[at] = orig;
                final double numeric = (plus - minus) / ((double) (orig + 1e-3f) - (double) (orig - 1e-3f));
                assertEquals(numeric, analytic[k], 1e-4 + 1e-3 * Math.abs(numeric), "feature " + j + "[" + k + "]");
                checked++;
            }
        }
        assertEquals(x.size() * 4, checked);
        table.discardGradients();
    }

    @Test
    void shouldMatchFiniteDifferencesWithTheImplicitHistoryInTheUserSide() {
        // SVD++ (Koren 2008, Eq. 15): p = sum x_j v_j + |N(u)|^-1/2 sum_{j in N(u)} y_j, and the mirror
        // q = sum x_j v_j + |N(i)|^-1/2 sum_{v in N(i)} z_v; every pooled row, y and z included
        final DeepMixConfig config = CONFIG.with("deepmix.factor.history", "5", "deepmix.factor.item.history", "4");
        final FactorPart part = new FactorPart(config);
        for (final Example e : new SyntheticStream(3).next(300, 0.5)) {
            final double z = part.dot(e.task(), e.categorical(), e);
            final double err = e.task() == Task.CLICK ? z - e.label() : z + 3 - e.label();
            part.update(e.task(), e.categorical(), e, err, z);
            part.record(e);
        }
        final Example e = new SyntheticStream(5).next(1, 1.0).get(0);
        final SparseFeatures x = e.categorical();
        final double y = 0.7;
        final double before = part.dot(Task.RATING, x, e);
        assertNotEquals(part.dot(Task.RATING, x), before, "the history moves the score");
        part.addGradients(Task.RATING, x, e, before - y);
        final SparseRowTable table = part.table(Task.RATING);
        int checked = 0;
        int mirrored = 0;
        for (int slot = 0; slot < table.size(); slot++) {
            final float[] analytic = table.pendingGradient(slot);
            for (int k = 0; k < table.width(); k++) {
                final int at = slot * table.width() + k;
                final float orig = table.values()[at];
                table.values()[at] = orig + 1e-3f;
                final double plus = 0.5 * Math.pow(part.dot(Task.RATING, x, e) - y, 2);
                table.values()[at] = orig - 1e-3f;
                final double minus = 0.5 * Math.pow(part.dot(Task.RATING, x, e) - y, 2);
                table.values()[at] = orig;
                final double numeric = (plus - minus) / ((double) (orig + 1e-3f) - (double) (orig - 1e-3f));
                assertEquals(numeric, analytic[k], 1e-4 + 1e-3 * Math.abs(numeric), "slot " + slot + "[" + k + "]");
                if (analytic[k] != 0 && table.keyAt(slot) >>> 32 == config.categoricalGroups()) {
                    checked++;
                }
                if (analytic[k] != 0 && table.keyAt(slot) >>> 32 == config.categoricalGroups() + 1) {
                    mirrored++;
                }
            }
        }
        assertTrue(checked > 0, "some implicit item rows have a gradient");
        assertTrue(mirrored > 0, "some implicit user rows have a gradient");
        table.discardGradients();
    }

    @Test
    void shouldLearnAnInteractionTheFirstOrderTermsCannotHold() {
        // the stream's label is sigmoid(3 u.v) / 3 + 1.2 u.v: per-user or per-item biases explain none of it
        final List<Example> events = new SyntheticStream(6).next(6000, 1.0);
        final FactorPart part = new FactorPart(CONFIG.with("deepmix.factor.learning.rate", "0.05"));
        double early = 0;
        double late = 0;
        for (int t = 0; t < events.size(); t++) {
            final Example e = events.get(t);
            final double err = part.dot(Task.RATING, e.categorical()) + 3 - e.label();
            if (t < 1000) {
                early += err * err;
            } else if (t >= events.size() - 1000) {
                late += err * err;
            }
            part.update(Task.RATING, e.categorical(), err);
        }
        assertTrue(late < 0.6 * early, "squared error " + early + " -> " + late);
    }

    @Test
    void shouldKeepClickAndRatingVectorsApart() {
        final FactorPart part = new FactorPart(CONFIG);
        final Example e = new SyntheticStream(7).next(1, 0.0).get(0);
        part.update(Task.CLICK, e.categorical(), 1.0);
        part.update(Task.CLICK, e.categorical(), 1.0);
        assertNotEquals(0.0, part.dot(Task.CLICK, e.categorical()));
        assertEquals(0.0, part.dot(Task.RATING, e.categorical()));
    }

    @Test
    void shouldLearnTheShallowPartsOnTheirOwnScoreWhateverTheDeepPartLearns() {
        final List<Example> events = new SyntheticStream(8).next(1500, 0.5);
        final Example probe = new SyntheticStream(9).next(1, 1.0).get(0);
        final double[] own = shallowAfter(events, probe, "true", "0.003");
        assertEquals(own[0], shallowAfter(events, probe, "true", "0.03")[0]);
        assertEquals(own[1], shallowAfter(events, probe, "true", "0.03")[1]);
        final double[] joint = shallowAfter(events, probe, "false", "0.003");
        assertNotEquals(joint[0], shallowAfter(events, probe, "false", "0.03")[0]);
    }

    /** {first-order + factorization rating score, factorization click score} of the probe after the stream. */
    private static double[] shallowAfter(final List<Example> events, final Example probe, final String ownScore,
                                         final String deepRate) {
        final DeepMixModel model = new DeepMixModel(SyntheticStream.smallConfig().with("deepmix.shallow.own.score",
            ownScore, "deepmix.learning.rate", deepRate, "deepmix.factor.dim", "4"));
        for (final Example e : events) {
            model.learn(e);
        }
        return new double[] {model.wide().dot(Task.RATING, probe.categorical())
            + model.factors().dot(Task.RATING, probe.categorical()),
            model.factors().dot(Task.CLICK, probe.categorical())};
    }
}
