package dev.streamrec.models.deepmix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link DeepMixStepBenchmark}'s {@code predictOne} and {@code predictAll} timed by the thread's CPU time instead of
 * the wall clock, for a machine shared with other work (where JMH's wall-clock figures mostly measure the wait for
 * a core): median of 15 rounds of 2,000 single predictions and of 40 {@code predictAll} calls, after 5 unmeasured
 * rounds. Run with the JMH classpath: {@code java -cp ... dev.streamrec.models.deepmix.DeepMixPredictCpuTime}.
 */
public final class DeepMixPredictCpuTime {
    private DeepMixPredictCpuTime() {
    }

    public static void main(final String[] args) {
        final DeepMixStepBenchmark bench = new DeepMixStepBenchmark();
        bench.setUp();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] one = new double[15];
        final double[] all = new double[15];
        double sink = 0;
        for (int round = -5; round < one.length; round++) {
            final long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 2_000; i++) {
                sink += bench.predictOne();
            }
            final long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 40; i++) {
                sink += bench.predictAll();
            }
            final long t2 = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                one[round] = (t1 - t0) / 1e3 / 2_000;
                all[round] = (t2 - t1) / 1e3 / 40 / DeepMixStepBenchmark.CANDIDATES;
            }
        }
        Arrays.sort(one);
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "predictOne %.2f us CPU (min %.2f, max %.2f); predictAll %.2f us CPU per example"
            + " (min %.2f, max %.2f)%s%n", one[7], one[0], one[14], all[7], all[0], all[14], sink == 0.123 ? "!" : "");
    }
}
