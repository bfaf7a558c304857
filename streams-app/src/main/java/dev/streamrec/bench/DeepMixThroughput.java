package dev.streamrec.bench;

import dev.streamrec.features.Example;
import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.deepmix.DeepMixConfig;
import dev.streamrec.models.deepmix.DeepMixModel;
import dev.streamrec.models.deepmix.DeepMixStepSpeed;
import dev.streamrec.models.deepmix.SyntheticExamples;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Properties;

/**
 * Measures DeepMix's throughput: events/s of prequential predict + learn at the configured batch size, and the
 * achieved GFLOP/s of the mini-batch forward/backward pass next to a plain ND4J gemm (256x128 * 128x128) measured in
 * the same run. Arguments: {@code [events] [threads=N] [deepmix.key=value ...]}; {@code threads=N} caps ND4J and
 * OpenBLAS threads ({@link Nd4jThreads}), like {@code OMP_NUM_THREADS=N}.
 */
public final class DeepMixThroughput {
    private DeepMixThroughput() {
    }

    public static void main(final String[] args) {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final Properties props = new Properties();
        props.setProperty("deepmix.numeric.groups", "2");
        for (int i = 1; i < args.length; i++) {
            final String[] kv = args[i].split("=", 2);
            if ("threads".equals(kv[0])) {
                Nd4jThreads.limit(Integer.parseInt(kv[1]));
            } else {
                props.setProperty(kv[0], kv[1]);
            }
        }
        final DeepMixConfig config = DeepMixConfig.fromProperties(props);
        final List<Example> stream = SyntheticExamples.stream(events + 2 * config.batchSize(), config, 17);
        final DeepMixModel model = new DeepMixModel(config);
        for (int t = 0; t < 2 * config.batchSize(); t++) {
            model.predict(stream.get(t));
            model.learn(stream.get(t));
        }
        long predictNanos = 0;
        final long start = System.nanoTime();
        double sink = 0;
        for (int t = 2 * config.batchSize(); t < stream.size(); t++) {
            final long p0 = System.nanoTime();
            sink += model.predict(stream.get(t));
            predictNanos += System.nanoTime() - p0;
            model.learn(stream.get(t));
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("config: %s%n", config);
        System.out.printf("learn+predict: %d events in %.2f s = %.0f events/s (predict %.1f us/event; checksum %.3f)%n",
            events, seconds, events / seconds, predictNanos / 1e3 / events, sink);

        final List<Example> batch = stream.subList(0, config.batchSize());
        final DeepMixStepSpeed.Result step = DeepMixStepSpeed.measure(model, batch, 30);
        System.out.printf("batch step (B=%d, forward+backward incl. stacking): %.2f ms, %.2f MFLOP, %.2f GFLOP/s%n",
            step.batch(), step.seconds() * 1e3, step.flops() / 1e6, step.gflops());

        final INDArray a = Nd4j.rand(DataType.FLOAT, 256, 128);
        final INDArray b = Nd4j.rand(DataType.FLOAT, 128, 128);
        for (int r = 0; r < 50; r++) {
            Nd4j.gemm(a, b, false, false);
        }
        final int gemmReps = 2000;
        final long g0 = System.nanoTime();
        for (int r = 0; r < gemmReps; r++) {
            Nd4j.gemm(a, b, false, false);
        }
        final double gemmSeconds = (System.nanoTime() - g0) / 1e9 / gemmReps;
        final long m0 = System.nanoTime();
        for (int r = 0; r < gemmReps / 4; r++) {
            a.mmul(b);
        }
        final double mmulSeconds = (System.nanoTime() - m0) / 1e9 / (gemmReps / 4);
        System.out.printf("plain ND4J 256x128*128x128: Nd4j.gemm %.1f us = %.2f GFLOP/s; INDArray.mmul %.1f us = %.2f "
            + "GFLOP/s%n", gemmSeconds * 1e6, 2.0 * 256 * 128 * 128 / gemmSeconds / 1e9, mmulSeconds * 1e6,
            2.0 * 256 * 128 * 128 / mmulSeconds / 1e9);
    }
}
