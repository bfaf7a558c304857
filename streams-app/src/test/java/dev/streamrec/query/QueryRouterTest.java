package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing before the client runs, and forwarding to an instance that is not there: 5xx JSON errors, no hang. */
class QueryRouterTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldAnswer503WhileTheClientIsNotRunning() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        final Properties props = new Properties();
        props.put("application.id", "router-test");
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("state.dir", stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            final QueryRouter router = new QueryRouter(streams, new HostInfo("127.0.0.1", 1), Duration.ofSeconds(1));
            final QueryException e = assertThrows(QueryException.class, () -> router.locate("u1"));
            assertEquals(503, e.status());
            assertEquals("not_running", e.code());
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldAnswer502WhenTheOwnerCannotBeReached() throws Exception {
        final int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nobody listens there
        }
        final Forwarder forwarder = new Forwarder(new HostInfo("127.0.0.1", 1), Duration.ofSeconds(5));
        final QueryException e = assertThrows(QueryException.class, () -> forwarder.forward(
            new HostInfo("127.0.0.1", port), "GET", "/v1/users/u1/recommendations", null));
        assertEquals(502, e.status());
        assertEquals("owner_unreachable", e.code());
    }
}
