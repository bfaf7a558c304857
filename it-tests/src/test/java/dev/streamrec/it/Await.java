package dev.streamrec.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.streamrec.cli.OutputReader;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.Topics;
import org.apache.kafka.clients.admin.Admin;

/** Bounded waits on conditions, failing fast when the application under test stops. */
final class Await {
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(4);

    private Await() {
    }

    /** Checks {@code condition} every 100 ms until it holds; fails if {@code alive} turns false or 4 min pass. */
    static void until(final BooleanSupplier condition, final BooleanSupplier alive, final String what) {
        until(condition, alive, what, 100);
    }

    /** As {@link #until}, checking every 2 ms: to act within a moment of the condition (e.g. a log line). */
    static void fastUntil(final BooleanSupplier condition, final BooleanSupplier alive, final String what) {
        until(condition, alive, what, 2);
    }

    private static void until(final BooleanSupplier condition, final BooleanSupplier alive, final String what,
                              final long pollMillis) {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(alive.getAsBoolean(), "streamrec stopped while waiting for " + what);
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            try {
                TimeUnit.MILLISECONDS.sleep(pollMillis);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until the application's committed offsets cover every record of its partitioned input topics. */
    static void processed(final StreamrecConfig config, final BooleanSupplier alive) {
        final Topics topics = config.topics();
        final String applicationId = config.originalsStrings().get("application.id");
        try (Admin admin = Admin.create(config.clientProperties())) {
            until(() -> {
                try {
                    return InputProgress.remaining(admin, applicationId,
                        List.of(topics.impressions(), topics.ratings(), topics.users())) == 0;
                } catch (final ExecutionException unavailable) {
                    return false; // e.g. the broker is restarting: ask again
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, alive, "all input of " + applicationId + " to be processed");
        }
    }

    /** Scored plus dead-lettered records committed so far, after polling {@code outputs} once. */
    static long committedOutputs(final OutputReader outputs) {
        outputs.poll(Duration.ofMillis(100), null, null);
        return outputs.scored() + outputs.deadLetters();
    }
}
