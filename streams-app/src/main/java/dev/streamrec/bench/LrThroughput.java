package dev.streamrec.bench;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.lr.FtrlConfig;
import dev.streamrec.models.lr.LogisticRegressionModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * JMH-free micro benchmark of the LR core: prequential predict + learn on synthetic click examples of 20 hashed
 * features, without featurization or Kafka. Prints events per second (wall and per CPU second) for each round.
 *
 * <p>Usage: {@code LrThroughput [eventsPerRound=5000000] [rounds=5] [drain=false] [hashBits=20] [uniform=false]}.
 * Features are the bias plus 19 groups whose values come from MovieLens-sized vocabularies (1,000 users, 2,000
 * items, 20,000 user x genre crosses, 17 groups of 2 to 100 values) hashed into {@code 2^hashBits}; with
 * {@code uniform=true} the 19 indices are instead uniform over the whole space (cache-hostile worst case). With
 * {@code drain=true} every event is also followed by {@link LogisticRegressionModel#drainChanges} into a sink that
 * discards the entries (the persistence contract, minus the store).
 */
public final class LrThroughput {
    private static final int FEATURES = 20;
    private static final int POOL = 1 << 14;

    private LrThroughput() {
    }

    /**
     * Result of one measured round.
     *
     * @param nanos    wall-clock time
     * @param cpuNanos CPU time of the measuring thread (fairer on a machine shared with other processes)
     */
    public record Round(long events, long nanos, long cpuNanos, double checksum) {
        public double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        public double eventsPerCpuSecond() {
            return events * 1e9 / cpuNanos;
        }
    }

    public static void main(final String[] args) {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final boolean drain = args.length > 2 && Boolean.parseBoolean(args[2]);
        final int hashBits = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        final boolean uniform = args.length > 4 && Boolean.parseBoolean(args[4]);
        final LogisticRegressionModel model = new LogisticRegressionModel(FtrlConfig.defaults(), hashBits, 1, 5);
        final Example[] pool = syntheticExamples(hashBits, uniform, new SplittableRandom(7));
        run(model, pool, Math.min(events, 2_000_000L), drain); // warm-up: JIT and first touch of the arrays
        for (int r = 0; r < rounds; r++) {
            final Round round = run(model, pool, events, drain);
            System.out.printf(Locale.ROOT, "round %d: %,d events (predict+learn%s) in %.3f s wall = %,.0f events/s; "
                    + "%.3f s CPU = %,.0f events/CPU-s%n", r + 1, round.events(), drain ? "+drain" : "",
                round.nanos() / 1e9, round.eventsPerSecond(), round.cpuNanos() / 1e9, round.eventsPerCpuSecond());
        }
    }

    /** Predicts then learns {@code events} examples cycling through {@code pool}. */
    public static Round run(final LogisticRegressionModel model, final Example[] pool, final long events,
                            final boolean drain) {
        final ParameterSink discard = new ParameterSink() {
            @Override
            public void put(final byte[] key, final byte[] value) {
                // measured cost is producing the entries, not storing them
            }

            @Override
            public void delete(final byte[] key) {
                // never called by lr
            }
        };
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double checksum = 0;
        final long cpuStart = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        for (long e = 0; e < events; e++) {
            final Example ex = pool[(int) (e & (POOL - 1))];
            checksum += model.predict(ex);
            model.learn(ex);
            if (drain) {
                model.drainChanges(discard);
            }
        }
        final long nanos = System.nanoTime() - start;
        return new Round(events, nanos, threads.getCurrentThreadCpuTime() - cpuStart, checksum);
    }

    /** {@value #POOL} click examples; the label depends on the first feature so there is something to learn. */
    public static Example[] syntheticExamples(final int hashBits, final boolean uniform,
                                              final SplittableRandom random) {
        final Example[] pool = new Example[POOL];
        final int mask = (1 << hashBits) - 1;
        for (int k = 0; k < POOL; k++) {
            final SparseFeatures x = new SparseFeatures(FEATURES);
            x.add(0, 1f, 0);
            for (int j = 1; j < FEATURES; j++) {
                final int vocabulary = j == 1 ? 1_000 : j == 2 ? 2_000 : j == 3 ? 20_000 : 2 + (j * 37) % 99;
                final int index = uniform ? random.nextInt() : mix(j * 1_000_003 + random.nextInt(vocabulary));
                x.add(index & mask, 1f, j);
            }
            final double label = (x.index(1) & 1) == 0 || random.nextInt(10) == 0 ? 1.0 : 0.0;
            pool[k] = new Example(Task.CLICK, label, "u", "i", 0L, x, new SparseFeatures(1));
        }
        return pool;
    }

    private static int mix(final int v) {
        int h = v * 0x9E3779B9;
        h ^= h >>> 15;
        return h * 0x85EBCA6B;
    }
}
