package dev.streamrec.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.streamrec.features.Example;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.lr.LogisticRegressionModel;
import dev.streamrec.bench.LrThroughput;
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

/**
 * LR's FTRL-Proximal kernels on 20 hashed features per click example (bias, user, item, user x genre and 16 small
 * groups; {@link LrThroughput#syntheticExamples}): predict alone, and predict + learn as the model core does them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FtrlBenchmark {
    @Param({"16", "20", "24"})
    int hashBits;

    private LogisticRegressionModel model;
    private Example[] pool;
    private int next;

    @Setup
    public void setUp() {
        model = new LogisticRegressionModel(FtrlConfig.defaults(), hashBits, 1, 5);
        pool = LrThroughput.syntheticExamples(hashBits, false, new SplittableRandom(7));
        for (final Example e : pool) {
            model.learn(e);
        }
    }

    private Example nextExample() {
        next = (next + 1) & (pool.length - 1);
        return pool[next];
    }

    @Benchmark
    public double predict() {
        return model.predict(nextExample());
    }

    @Benchmark
    public double predictAndLearn() {
        final Example e = nextExample();
        final double p = model.predict(e);
        model.learn(e);
        return p;
    }
}
