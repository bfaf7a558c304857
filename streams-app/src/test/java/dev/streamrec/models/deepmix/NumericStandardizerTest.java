package dev.streamrec.models.deepmix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumericStandardizerTest {
    @Test
    void shouldStandardizeWithTheRunningMeanAndVariance() {
        final NumericStandardizer s = new NumericStandardizer(1, 0);
        assertEquals(0f, s.standardize(0, 7), "0 before two values");
        s.update(0, 1);
        s.update(0, 3);
        assertEquals(1f, s.standardize(0, 3), 1e-6); // mean 2, variance 1
        assertEquals(-2f, s.standardize(0, 0), 1e-6);
    }

    @Test
    void shouldClipTheValueOfANewLevelAfterARunOfEqualValues() {
        final NumericStandardizer unclipped = new NumericStandardizer(1, 0);
        final NumericStandardizer clipped = new NumericStandardizer(1, 5);
        for (int i = 0; i < 50; i++) { // one user's burst of events: the same age every time
            unclipped.update(0, 31);
            clipped.update(0, 31);
        }
        assertTrue(unclipped.standardize(0, 47) > 1e4, "an unclipped new value explodes");
        assertEquals(5f, clipped.standardize(0, 47));
        assertEquals(-5f, clipped.standardize(0, 20));
    }
}
