package dev.streamrec.runtime;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.streamrec.query.LiveModels;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams client: starts it, waits for it, and stops it. An uncaught exception in a stream thread
 * shuts the whole client down (a half-running client would silently stop learning on some partitions); the failure
 * is kept so the command can exit non-zero. The one exception is a transaction that could not commit because the
 * broker went away for longer than the transaction timeout ({@link TransactionFailure}): then the thread is
 * replaced, a few times at most, which under exactly-once is a crash recovery of its tasks.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final RestoreLog restoreLog = new RestoreLog();
    private final LiveModels liveModels = new LiveModels();
    /** Stream threads replaced after a transient transaction failure, over the client's life. */
    private final AtomicInteger threadReplacements = new AtomicInteger();
    private static final int MAX_THREAD_REPLACEMENTS = 5;

    public StreamsRunner(final Topology topology, final Properties properties) {
        final Properties withLiveModels = new Properties(); // live queries: the processors register here
        withLiveModels.putAll(properties);
        withLiveModels.put(LiveModels.CONFIG_KEY, liveModels);
        this.streams = new KafkaStreams(topology, withLiveModels);
        streams.setGlobalStateRestoreListener(restoreLog);
        streams.setUncaughtExceptionHandler(exception -> {
            if (TransactionFailure.isTransient(exception) && threadReplacements.incrementAndGet()
                <= MAX_THREAD_REPLACEMENTS) {
                LOG.warn("stream thread failed to commit its transaction ({}); replacing it (replacement {} of at "
                    + "most {}): its tasks restore from their changelogs, the aborted transaction is reprocessed",
                    exception.toString(), threadReplacements.get(), MAX_THREAD_REPLACEMENTS);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("stream thread failed; shutting the client down", exception);
            failure.compareAndSet(null, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("streams state {} -> {}", oldState, newState);
            if (newState == State.NOT_RUNNING || newState == State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** The client, for the operations endpoint (metrics and health); not for starting or stopping it. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The live models of this client's active tasks, for live queries. */
    public LiveModels liveModels() {
        return liveModels;
    }

    /** Deletes this application's local state directory (before {@link #start}), as a reset or replay needs. */
    public void cleanUp() {
        streams.cleanUp();
    }

    public void start() {
        streams.start();
    }

    /** Blocks until the client stops (closed, or shut down by a failure). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Blocks until the client stops or {@code timeout} passes; returns whether it stopped. */
    public boolean awaitStopped(final Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Restore durations and record counts of this client's state stores (also logged). */
    public RestoreLog restoreLog() {
        return restoreLog;
    }

    /** The exception that shut the client down, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Stops the client within 30 s and leaves the consumer group, so that the partitions move to the remaining
     * (or a restarted) instance at once instead of after the session timeout.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
