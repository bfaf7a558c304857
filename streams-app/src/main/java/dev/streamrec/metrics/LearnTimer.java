package dev.streamrec.metrics;

/**
 * Wall-clock duration of one model's {@code learn} calls, for monitoring only: a mini-batch model does its
 * optimiser step inside the {@code learn} call that fills the batch, so the longest call of a window is the
 * mini-batch training time, while per-event models show their per-event update time. Nothing the models compute
 * depends on it (outputs stay driven by stream time).
 *
 * <p>Written by the one thread that owns the model; read by a metrics reporter on that same thread.
 */
public final class LearnTimer {
    private long calls;
    private long totalNanos;
    private long windowCalls;
    private long windowNanos;
    private long windowMaxNanos;

    /** Records one {@code learn} call that took {@code nanos}. */
    public void record(final long nanos) {
        calls++;
        totalNanos += nanos;
        windowCalls++;
        windowNanos += nanos;
        windowMaxNanos = Math.max(windowMaxNanos, nanos);
    }

    /** Learn calls since start. */
    public long calls() {
        return calls;
    }

    /** Total time spent learning since start, in nanoseconds. */
    public long totalNanos() {
        return totalNanos;
    }

    /** The longest and the mean learn call since the previous {@code drainWindow}, then starts a new window. */
    public Window drainWindow() {
        final Window window = new Window(windowCalls, windowMaxNanos,
            windowCalls == 0 ? 0.0 : (double) windowNanos / windowCalls);
        windowCalls = 0;
        windowNanos = 0;
        windowMaxNanos = 0;
        return window;
    }

    /**
     * One window of learn calls.
     *
     * @param calls     learn calls in the window
     * @param maxNanos  the longest call (a mini-batch step, if one happened in the window)
     * @param meanNanos the mean call
     */
    public record Window(long calls, long maxNanos, double meanNanos) {
    }
}
