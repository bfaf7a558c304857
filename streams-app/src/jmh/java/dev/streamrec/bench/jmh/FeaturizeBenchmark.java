package dev.streamrec.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.streamrec.bench.BenchEvent;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeaturizationResult;
import dev.streamrec.learning.ExampleFactory;
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
 * Featurize + hash of one enriched event (ids, profile attributes, title tokens, time features, the user x genre
 * cross) into the reusable buffers, exactly as the topology's scoring step calls it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeaturizeBenchmark {
    private ExampleFactory examples;
    private List<BenchEvent> events;
    private int next;

    @Setup
    public void setUp() {
        events = RecordedStream.record(new SyntheticStream(SyntheticConfig.defaults().withSize(10_000, 5_000, 65_536)),
            65_536).events();
        examples = new ExampleFactory(FeatureConfig.defaults());
    }

    @Benchmark
    public FeaturizationResult featurize() {
        next = (next + 1) & (events.size() - 1);
        final BenchEvent e = events.get(next);
        return examples.featurize(e.userId(), e.itemId(), e.eventTime(), e.context(), e.user(), e.item());
    }
}
