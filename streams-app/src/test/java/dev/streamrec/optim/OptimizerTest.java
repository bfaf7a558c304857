package dev.streamrec.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One- and two-step values worked out by hand, range semantics, and rejection of bad hyper-parameters. */
class OptimizerTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void sgdShouldStepAgainstTheGradient() {
        final float[] params = {1f, -2f, 3f};
        new Sgd(0.1f).step(params, new float[] {0.5f, -1f, 7f}, new float[0][], 0, 2, 1);
        assertEquals(0.95, params[0], TOLERANCE);
        assertEquals(-1.9, params[1], TOLERANCE);
        assertEquals(3f, params[2], 0f, "outside [from, to) nothing changes");
        assertEquals(0, new Sgd(0.1f).slots());
    }

    @Test
    void adaGradShouldScaleByTheRootOfTheAccumulatedSquares() {
        final AdaGrad adaGrad = new AdaGrad(0.1f, 0.1f, 1e-8f);
        assertEquals(1, adaGrad.slots());
        assertEquals(0.1f, adaGrad.initialSlotValue(0));
        final float[] params = {1f};
        final float[][] state = {{adaGrad.initialSlotValue(0)}};
        adaGrad.step(params, new float[] {0.5f}, state, 0, 1, 1);
        // G = 0.1 + 0.25 = 0.35; w = 1 - 0.1 * 0.5 / sqrt(0.35) = 0.9154845745
        assertEquals(0.35, state[0][0], TOLERANCE);
        assertEquals(0.9154845745, params[0], TOLERANCE);
        adaGrad.step(params, new float[] {0.5f}, state, 0, 1, 2);
        // G = 0.6; w = 0.9154845745 - 0.05 / sqrt(0.6) = 0.8509348521
        assertEquals(0.6, state[0][0], TOLERANCE);
        assertEquals(0.8509348521, params[0], TOLERANCE);
    }

    @Test
    void adamShouldTakeBiasCorrectedSteps() {
        final Adam adam = new Adam(0.1f, 0.9f, 0.999f, 1e-8f);
        assertEquals(2, adam.slots());
        final float[] params = {1f};
        final float[][] state = {{0f}, {0f}};
        adam.step(params, new float[] {0.5f}, state, 0, 1, 1);
        // m = 0.05, v = 0.00025; m_hat = 0.5, v_hat = 0.25: the first step is lr * sign(g)
        assertEquals(0.05, state[0][0], TOLERANCE);
        assertEquals(0.00025, state[1][0], 1e-8, "1f - 0.999f is 0.00099998713 in float");
        assertEquals(0.9, params[0], TOLERANCE);
        adam.step(params, new float[] {-1f}, state, 0, 1, 2);
        // m = -0.055, v = 0.00124975; m_hat = -0.055 / 0.19, v_hat = 0.00124975 / 0.001999
        final double mHat = -0.055 / 0.19;
        final double vHat = 0.00124975 / 0.001999;
        assertEquals(-0.055, state[0][0], TOLERANCE);
        assertEquals(0.00124975, state[1][0], 5e-8);
        assertEquals(0.9 - 0.1 * mHat / Math.sqrt(vHat), params[0], TOLERANCE);
    }

    @Test
    void adamShouldApplyEpsilonInTheEfficientFormOfKingmaAndBaSection2() {
        // w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps): with a large eps this differs from
        // m_hat / (sqrt(v_hat) + eps) (eps_hat = eps sqrt(1 - b2^t) instead); the difference is nil at eps = 1e-8.
        final Adam adam = new Adam(0.1f, 0.9f, 0.999f, 0.1f);
        final float[] params = {1f};
        adam.step(params, new float[] {0.5f}, new float[][] {{0f}, {0f}}, 0, 1, 1);
        final double efficient = 1 - 0.1 * Math.sqrt(0.001) / 0.1 * 0.05 / (Math.sqrt(0.00025) + 0.1);
        assertEquals(efficient, params[0], TOLERANCE);
    }

    @Test
    void adamShouldUseEachRowsOwnStepCountForLazyUpdates() {
        final Adam adam = new Adam(0.1f, 0.9f, 0.999f, 1e-8f);
        final float[] params = {1f, 1f, 1f};
        final float[][] state = {new float[3], new float[3]};
        adam.step(params, new float[] {0f, 0f, 0.5f}, state, 2, 3, 1);
        assertArrayEquals(new float[] {1f, 1f, 0.9f}, params, 1e-6f);
        assertEquals(0f, state[0][0]);
        assertThrows(IllegalArgumentException.class, () -> adam.step(params, new float[3], state, 0, 1, 0));
    }

    @Test
    void shouldParseOptimizerNamesIgnoringCase() {
        assertEquals(new Sgd(0.5f), Optimizer.of("SGD", 0.5f));
        assertEquals(new AdaGrad(0.5f, 0.1f, 1e-8f), Optimizer.of("AdaGrad", 0.5f));
        assertEquals(new Adam(0.5f, 0.9f, 0.999f, 1e-8f), Optimizer.of("adam", 0.5f));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> Optimizer.of("rmsprop", 0.1f));
        assertTrue(error.getMessage().contains("rmsprop"), error.getMessage());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
            bad("sgd lr 0", () -> new Sgd(0f)),
            bad("sgd lr < 0", () -> new Sgd(-0.1f)),
            bad("sgd lr NaN", () -> new Sgd(Float.NaN)),
            bad("sgd lr inf", () -> new Sgd(Float.POSITIVE_INFINITY)),
            bad("adagrad lr 0", () -> new AdaGrad(0f, 0.1f, 1e-8f)),
            bad("adagrad lr NaN", () -> new AdaGrad(Float.NaN, 0.1f, 1e-8f)),
            bad("adagrad accumulator < 0", () -> new AdaGrad(0.1f, -0.1f, 1e-8f)),
            bad("adagrad accumulator NaN", () -> new AdaGrad(0.1f, Float.NaN, 1e-8f)),
            bad("adagrad accumulator inf", () -> new AdaGrad(0.1f, Float.POSITIVE_INFINITY, 1e-8f)),
            bad("adagrad eps 0", () -> new AdaGrad(0.1f, 0.1f, 0f)),
            bad("adagrad eps inf", () -> new AdaGrad(0.1f, 0.1f, Float.POSITIVE_INFINITY)),
            bad("adam lr inf", () -> new Adam(Float.POSITIVE_INFINITY, 0.9f, 0.999f, 1e-8f)),
            bad("adam beta1 1", () -> new Adam(0.1f, 1f, 0.999f, 1e-8f)),
            bad("adam beta1 < 0", () -> new Adam(0.1f, -0.1f, 0.999f, 1e-8f)),
            bad("adam beta2 1", () -> new Adam(0.1f, 0.9f, 1f, 1e-8f)),
            bad("adam beta2 NaN", () -> new Adam(0.1f, 0.9f, Float.NaN, 1e-8f)),
            bad("adam eps 0", () -> new Adam(0.1f, 0.9f, 0.999f, 0f)),
            bad("adam eps NaN", () -> new Adam(0.1f, 0.9f, 0.999f, Float.NaN)),
            bad("adam eps inf", () -> new Adam(0.1f, 0.9f, 0.999f, Float.POSITIVE_INFINITY)));
    }

    private static Arguments bad(final String name, final Supplier<Optimizer> factory) {
        return Arguments.of(name, factory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void shouldRejectBadHyperParameters(final String name, final Supplier<Optimizer> factory) {
        assertThrows(IllegalArgumentException.class, factory::get, name);
    }
}
