package dev.streamrec.models;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedStepTest {
    @Test
    void shouldShrinkTheStepUntilItsQuadraticMoveFitsTheLimit() {
        assertEquals(1.0, BoundedStep.shrink(0.5, 0.1, 1.0));
        final double a = BoundedStep.shrink(2.0, 3.0, 0.5);
        assertTrue(a > 0 && a < 1, "a = " + a);
        assertTrue(Math.abs(a * 2.0 + a * a * 3.0) <= 0.5, "move " + (a * 2.0 + a * a * 3.0));
        assertTrue(Math.abs(a * 2.0 + a * a * 3.0) > 0.3, "shrunk far below the limit: a = " + a);
    }
}
