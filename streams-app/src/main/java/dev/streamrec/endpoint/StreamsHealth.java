package dev.streamrec.endpoint;

import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Liveness and readiness of an instance, from its Kafka Streams client state alone.
 *
 * <ul>
 *   <li><b>live</b> while the client is created, starting, rebalancing or running: restarting the process would
 *   not help. Not live once it failed ({@code PENDING_ERROR}, {@code ERROR}) or is shutting down / stopped.</li>
 *   <li><b>ready</b> only when {@code RUNNING}: every assigned task is restored and processing. A rebalance
 *   (scale-out, restart of a peer) makes the instance briefly not ready, which is what a rolling deployment should
 *   wait for.</li>
 * </ul>
 */
public final class StreamsHealth {
    private StreamsHealth() {
    }

    public static boolean live(final State state) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
        };
    }

    public static boolean ready(final State state) {
        return state == State.RUNNING;
    }
}
