package dev.streamrec.models;

/**
 * How far a bilinear step may go: a factorization step moves the score by {@code a lin + a^2 quad} for a step
 * fraction {@code a}; {@link #shrink} gives the largest fraction (at most 1) that keeps the move within a limit.
 */
final class BoundedStep {
    private BoundedStep() {
    }

    /**
     * 1 when {@code |lin + quad| <= limit}, else just below the first {@code a > 0} where {@code |a lin + a^2 quad|}
     * reaches {@code limit} (the smallest positive root of {@code quad a^2 + lin a = +-limit}).
     */
    static double shrink(final double lin, final double quad, final double limit) {
        if (Math.abs(lin + quad) <= limit) {
            return 1;
        }
        double first = 1;
        for (final double target : new double[] {limit, -limit}) {
            if (quad == 0) {
                if (lin != 0 && target / lin > 0) {
                    first = Math.min(first, target / lin);
                }
                continue;
            }
            final double disc = lin * lin + 4 * quad * target;
            if (disc >= 0) {
                final double root = Math.sqrt(disc);
                for (final double a : new double[] {(-lin - root) / (2 * quad), (-lin + root) / (2 * quad)}) {
                    if (a > 0) {
                        first = Math.min(first, a);
                    }
                }
            }
        }
        return first * (1 - 1e-6);
    }
}
