package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.nn.Losses;
import dev.streamrec.models.params.SparseRowTable;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemAudienceTest {
    private static final int LABELS = 3;

    private static ItemExample item(final String id, final int... labels) {
        return new ItemExample(id, labels, new SparseFeatures(1), new int[0]);
    }

    /** Users u0..u9 on items i0..i5; items i0..i2 have known labels; a step on every known item's event. */
    private static ItemAudience trained(final int capacity, final boolean profile) {
        final ItemAudience part = new ItemAudience(LABELS, capacity, profile, true, 2f, 0.3f);
        final Random random = new Random(7);
        for (int t = 0; t < 400; t++) {
            final int i = random.nextInt(6);
            final String user = "u" + random.nextInt(10);
            final ItemExample item = item("i" + i, i % LABELS, (i + 1) % LABELS);
            if (i < 3) {
                part.learn(item.itemId(), user, item);
            }
            part.record(item.itemId(), user, item, i < 3);
        }
        return part;
    }

    private static double loss(final ItemAudience part, final ItemExample item, final String user) {
        final double[] s = part.logits(item.itemId(), user);
        double loss = 0;
        for (int k = 0; k < LABELS; k++) {
            loss += Losses.logLoss(s[k], item.hasLabel(k) ? 1 : 0);
        }
        return loss;
    }

    @Test
    void shouldAddExactlyZeroBeforeAnyStepAndNeverMutateWhenScoring() {
        final ItemAudience fresh = new ItemAudience(LABELS, 5, true, true, 2f, 0.3f);
        fresh.record("i1", "u1", item("i1", 0), true);
        assertArrayEquals(new double[LABELS], fresh.logits("i1", "u2"));
        final ItemAudience part = trained(5, true);
        final long size = part.size();
        final double[] once = part.logits("i4", "u3");
        assertArrayEquals(once, part.logits("i4", "u3"));
        assertEquals(size, part.size());
        assertNotEquals(0.0, once[0]);
    }

    @Test
    void shouldMatchFiniteDifferencesOfItsOwnLogLoss() {
        final ItemAudience part = trained(4, true);
        final ItemExample item = item("i4", 1);
        part.addGradients(item.itemId(), "u8", item);
        int checked = 0;
        for (final SparseRowTable table : new SparseRowTable[] {part.users(), part.shared()}) {
            for (int slot = 0; slot < table.size(); slot++) {
                final float[] analytic = table.pendingGradient(slot);
                for (int j = 0; j < table.width(); j++) {
                    final int at = slot * table.width() + j;
                    final float orig = table.values()[at];
                    table.values()[at] = orig + 1e-3f;
                    final double plus = loss(part, item, "u8");
                    table.values()[at] = orig - 1e-3f;
                    final double minus = loss(part, item, "u8");
                    table.values()[at] = orig;
                    final double numeric = (plus - minus) / 2e-3;
                    assertEquals(numeric, analytic[j], 2e-3 + 1e-2 * Math.abs(numeric), "row " + slot + " col " + j);
                    checked += analytic[j] != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 3 * LABELS + LABELS * LABELS, "non-zero gradients checked: " + checked);
    }

    @Test
    void shouldLeaveOutTheLabelsOfItemsWhoseLabelsAreNotKnownYet() {
        final ItemAudience part = new ItemAudience(LABELS, 5, true, true, 2f, 0.3f);
        part.record("i6", "u0", item("i6", 2), true);
        part.record("i5", "u5", item("i5", 0), true);
        part.learn("i0", "u0", item("i0", 0));
        final double[] before = part.logits("i9", "u1");
        part.record("i7", "u1", item("i7", 2), false);
        part.record("i7", "u1", item("i7", 2), false);
        assertArrayEquals(before, part.logits("i9", "u1"), "an unknown item's labels are not in u1's profile");
        part.record("i8", "u1", item("i8", 2), true);
        assertNotEquals(before[2], part.logits("i9", "u1")[2], "a known item's labels are");
    }

    @Test
    void shouldPoolOnlyTheLastCapacityUsersAndTheEventsOwnUser() {
        final ItemAudience part = trained(2, false);
        for (int v = 1; v <= 3; v++) {
            part.learn("i" + v, "v" + v, item("i" + v, v % LABELS));
        }
        final double[] fromUser = part.logits("i5", "v1");
        part.record("i5", "v1", null, false);
        part.record("i5", "v2", null, false);
        final double[] full = part.logits("i5", null);
        part.record("i5", "v3", null, false);
        assertNotEquals(full[0], part.logits("i5", null)[0], "v3 in, v1 out");
        part.record("i5", "v1", null, false);
        part.record("i5", "v2", null, false);
        assertArrayEquals(full, part.logits("i5", null), "v3 dropped out of a capacity-2 audience");
        assertArrayEquals(part.logits("i5", "v1"), part.logits("i5", null), 1e-12, "a held user is not counted twice");
        assertNotEquals(fromUser[0], full[0]);
    }
}
