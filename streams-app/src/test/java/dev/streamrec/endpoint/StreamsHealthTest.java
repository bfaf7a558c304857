package dev.streamrec.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {
    @Test
    void shouldBeReadyOnlyWhenRunning() {
        for (final State state : State.values()) {
            assertEquals(state == State.RUNNING, StreamsHealth.ready(state), state.name());
        }
    }

    @Test
    void shouldBeLiveUntilTheClientFailsOrStops() {
        final Set<State> live = EnumSet.of(State.CREATED, State.REBALANCING, State.RUNNING);
        for (final State state : State.values()) {
            assertEquals(live.contains(state), StreamsHealth.live(state), state.name());
        }
    }
}
