package dev.streamrec.models;

import dev.streamrec.features.SparseFeatures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldFactorizationTest {
    private static FieldFactorization factorization(final float learningRate) {
        return new FieldFactorization(new FieldFactorization.Settings(4, learningRate, 0.3f, 0.001f, 0.1f, 11L, 3,
            List.of(0), List.of(1, 2)));
    }

    /** user u (group 0) x item i (group 1) with an item attribute (group 2); target {@code (u % 3 - 1)(i % 3 - 1)}. */
    private static SparseFeatures event(final int user, final int item) {
        final SparseFeatures x = new SparseFeatures(3);
        x.add(user, 1f, 0);
        x.add(100 + item, 1f, 1);
        x.add(200 + item % 4, 1f, 2);
        return x;
    }

    private static double target(final int user, final int item) {
        return 2.0 * (user % 3 - 1) * (item % 3 - 1);
    }

    @Test
    void shouldNeverMoveAnEventsOwnScoreFurtherThanTheBoundedNewtonStep() {
        final FieldFactorization bounded = factorization(2f);
        final FieldFactorization plain = factorization(2f);
        final SplittableRandom random = new SplittableRandom(5);
        int cut = 0;
        for (int t = 0; t < 3000; t++) {
            final int user = random.nextInt(30);
            final int item = random.nextInt(20);
            final SparseFeatures x = event(user, item);
            final double before = bounded.dot(x);
            final double residual = before - target(user, item);
            bounded.boundedUpdate(x, residual, 1.0, 0.25);
            final double moved = Math.abs(bounded.dot(x) - before);
            assertTrue(moved <= 0.25 * Math.abs(residual) * (1 + 1e-4) + 1e-6,
                "event " + t + " moved its score by " + moved + " for a residual of " + residual);
            final double plainBefore = plain.dot(x);
            final double plainResidual = plainBefore - target(user, item);
            plain.update(x, plainResidual);
            if (Math.abs(plain.dot(x) - plainBefore) > 0.25 * Math.abs(plainResidual)) {
                cut++;
            }
        }
        assertTrue(cut > 100, "the plain step overshot the bound on only " + cut + " events");
    }

    @Test
    void shouldTakeThePlainStepWhenItFitsTheBound() {
        final FieldFactorization bounded = factorization(0.001f);
        final FieldFactorization plain = factorization(0.001f);
        final SplittableRandom random = new SplittableRandom(6);
        for (int t = 0; t < 500; t++) {
            final int user = random.nextInt(30);
            final int item = random.nextInt(20);
            final SparseFeatures x = event(user, item);
            bounded.boundedUpdate(x, bounded.dot(x) - target(user, item), 1.0, 1.0);
            plain.update(x, plain.dot(x) - target(user, item));
        }
        final SparseFeatures probe = event(3, 4);
        assertEquals(plain.dot(probe), bounded.dot(probe));
        assertTrue(plain.dot(probe) != 0.0);
    }

    @Test
    void shouldStillLearnTheInteractionWithABoundedStepAtALargeStepSize() {
        final FieldFactorization bounded = factorization(1f);
        final SplittableRandom random = new SplittableRandom(7);
        double early = 0;
        double late = 0;
        for (int t = 0; t < 20_000; t++) {
            final int user = random.nextInt(30);
            final int item = random.nextInt(20);
            final SparseFeatures x = event(user, item);
            final double residual = bounded.dot(x) - target(user, item);
            if (t < 2000) {
                early += residual * residual;
            } else if (t >= 18_000) {
                late += residual * residual;
            }
            bounded.boundedUpdate(x, residual, 1.0, 0.25);
        }
        assertTrue(late < 0.2 * early, "squared error " + early + " -> " + late);
    }
}
