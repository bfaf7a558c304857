package dev.streamrec.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.streamrec.metrics.SlidingWindowAuc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One prequential AUC update (insert + evict in the sliding window) and reading the AUC, on a full window. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AucBenchmark {
    @Param({"10000", "100000"})
    int window;

    private SlidingWindowAuc auc;
    private double[] scores;
    private boolean[] labels;
    private int next;

    @Setup
    public void setUp() {
        final SplittableRandom random = new SplittableRandom(3);
        scores = new double[1 << 16];
        labels = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            labels[i] = random.nextInt(4) == 0;
            scores[i] = Math.rint(random.nextDouble() * 1e6) / 1e6 + (labels[i] ? 0.1 : 0);
        }
        auc = new SlidingWindowAuc(window);
        for (int i = 0; i < window; i++) {
            auc.add(scores[i & (scores.length - 1)], labels[i & (scores.length - 1)]);
        }
    }

    @Benchmark
    public double updateAndRead() {
        next = (next + 1) & (scores.length - 1);
        auc.add(scores[next], labels[next]);
        return auc.auc();
    }
}
