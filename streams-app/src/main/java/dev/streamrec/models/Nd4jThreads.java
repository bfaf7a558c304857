package dev.streamrec.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Caps ND4J's own op threads and OpenBLAS's threads, process-wide (the programmatic {@code OMP_NUM_THREADS}).
 * The towers' mini-batch gemms are small (256 x 64 to 256 x ~128): on a shared 2-core machine one thread is faster
 * than two spinning OpenMP threads (LC-W&amp;D's learning test: 5 s with one, 40 s with two). The application (or a test) decides; models never call this themselves.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    /** Limits ND4J and its BLAS to {@code threads} threads for the rest of the process. */
    public static void limit(final int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
