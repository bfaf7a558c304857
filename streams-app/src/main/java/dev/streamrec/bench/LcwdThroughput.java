package dev.streamrec.bench;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.models.Nd4jThreads;
import dev.streamrec.models.nn.Activation;
import dev.streamrec.models.lcwd.LcwdConfig;
import dev.streamrec.models.lcwd.LcwdModel;
import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of prequential predict + learn on synthetic CLICK examples with 20 one-hot features in 20 groups, the
 * default dense layers [64, 32] and mini-batch 256. Usage:
 * {@code LcwdThroughput [events [batchSize [--keep-threads]]]}. Prints events per wall-clock second and per CPU
 * second of the calling thread (less sensitive to a loaded machine) after a warm-up of a fifth of the events. Uses
 * one ND4J/BLAS thread unless {@code --keep-threads} is given.
 */
public final class LcwdThroughput {
    private static final int FEATURES = 20;
    private static final int POOL = 65_536;

    private LcwdThroughput() {
    }

    public static void main(final String[] args) {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        final int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        if (args.length <= 2 || !"--keep-threads".equals(args[2])) {
            Nd4jThreads.limit(1);
        }
        final LcwdConfig defaults = LcwdConfig.defaults();
        final LcwdConfig config = new LcwdConfig(20, FEATURES, List.of(64, 32), Activation.RELU, "adam",
            defaults.deepLearningRate(), defaults.ftrlAlpha(), defaults.ftrlBeta(), defaults.ftrlL1(),
            defaults.ftrlL2(), batchSize, 42L, 1.0, defaults.ratingOffset(), defaults.ratingMin(),
            defaults.ratingMax());
        final Example[] pool = examples(config);
        final LcwdModel model = new LcwdModel(config, (task, index) -> 0.0);
        final int warmUp = events / 5;
        double sink = run(model, pool, 0, warmUp);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        sink += run(model, pool, warmUp, events);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        final int timed = events - warmUp;
        System.out.printf(Locale.ROOT, "lcwd predict+learn: %d events in %.2f s = %.0f events/s wall, %.0f events per"
                + " CPU-second of the calling thread (batch %d, %d features, %d parameters, checksum %.3f)%n", timed,
            seconds, timed / seconds, timed / cpuSeconds, batchSize, FEATURES, model.parameterCount(), sink);
    }

    private static double run(final LcwdModel model, final Example[] pool, final int from, final int to) {
        double sum = 0.0;
        for (int k = from; k < to; k++) {
            final Example e = pool[k % pool.length];
            sum += model.predict(e);
            model.learn(e);
        }
        return sum;
    }

    private static Example[] examples(final LcwdConfig config) {
        final SplittableRandom random = new SplittableRandom(1L);
        final Example[] pool = new Example[POOL];
        final int mask = config.dimension() - 1;
        for (int k = 0; k < POOL; k++) {
            final SparseFeatures x = new SparseFeatures(FEATURES);
            for (int g = 0; g < FEATURES; g++) {
                // a few heavy-hitter groups with many values, the rest with few
                final int cardinality = g < 3 ? 100_000 : 50;
                x.add((int) (mix(g * 1_000_003L + random.nextInt(cardinality)) & mask), 1f, g);
            }
            pool[k] = new Example(Task.CLICK, random.nextInt(4) == 0 ? 1.0 : 0.0, "u", "i", k, x,
                new SparseFeatures(1));
        }
        return pool;
    }

    private static long mix(final long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return h * 0xBF58476D1CE4E5B9L ^ (h >>> 29);
    }
}
