package dev.streamrec.models.nn;

import java.util.SplittableRandom;

/** How dense weights start: both towers draw Glorot-uniform weights (Glorot and Bengio 2010, Eq. 16). */
public final class Initialisers {
    private Initialisers() {
    }

    /**
     * One draw of {@code U(-b, b)} with {@code b = scale * sqrt(6 / (fanIn + fanOut))}: {@code (2u - 1) b} for the
     * next {@code u} of {@code random}, as a float.
     */
    public static float glorotUniform(final SplittableRandom random, final int fanIn, final int fanOut,
                                      final double scale) {
        final double bound = scale * Math.sqrt(6.0 / (fanIn + fanOut));
        return (float) ((2.0 * random.nextDouble() - 1.0) * bound);
    }
}
