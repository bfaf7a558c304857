package dev.streamrec.models.deepmix;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.streamrec.features.Example;
import dev.streamrec.models.Nd4jThreads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One DeepMix mini-batch step (stacking, forward, backward, embedding gradients accumulated then discarded) at the
 * default batch size with one BLAS thread, as the model core runs it; one single-event prediction; and
 * {@value #CANDIDATES} predictions through {@code predictAll} (as live queries score candidates).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeepMixStepBenchmark {
    /** Examples of one {@link #predictAll} call (divide its time by this for a per-example figure). */
    public static final int CANDIDATES = 256;

    private DeepMixModel model;
    private List<Example> batch;
    private List<Example> candidates;
    private double[] scores;
    private int next;

    @Setup
    public void setUp() {
        Nd4jThreads.limit(1);
        final Properties props = new Properties();
        props.setProperty("deepmix.numeric.groups", "2");
        final DeepMixConfig config = DeepMixConfig.fromProperties(props);
        model = new DeepMixModel(config);
        batch = SyntheticExamples.stream(config.batchSize(), config, 17);
        candidates = SyntheticExamples.stream(CANDIDATES, config, 19);
        scores = new double[CANDIDATES];
    }

    @Benchmark
    public double miniBatchStep() {
        final double loss = model.lossAndGradients(batch, true);
        model.tables().discardGradients();
        return loss;
    }

    @Benchmark
    public double predictOne() {
        next = (next + 1) % batch.size();
        return model.predict(batch.get(next));
    }

    @Benchmark
    public double predictAll() {
        model.predictAll(candidates, scores);
        return scores[CANDIDATES - 1];
    }
}
