package dev.streamrec.models.lcwd;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J/OpenBLAS threading for small mini-batch math. LC-W&amp;D's gemms are tiny (256 x 64), so OpenMP threads cost
 * more than they save, and on a loaded machine their spin-waits slow a step down several times (the learning test
 * took 40 s with 2 BLAS threads and 5 s with 1). Stream tasks give the parallelism instead. This is process-global
 * state, so the application (not a model constructor) decides: call {@link #useSingleThread()} at start-up, or run
 * with {@code OMP_NUM_THREADS=1}. Results are bit-identical either way (gemm and element-wise ops only, no ND4J
 * reductions); single-threaded is just faster.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    /** Limits ND4J's own op threads and OpenBLAS to one thread each. */
    public static void useSingleThread() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }
}
