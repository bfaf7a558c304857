package dev.streamrec.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.streamrec.state.ProfileStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that owns a user through Kafka Streams' interactive-query metadata
 * ({@link KafkaStreams#queryMetadataForKey} on the user-profile store, with the topology's key serializer and the
 * default partitioner the event topics are written with) and forwards requests to it over HTTP. Instances are known
 * by their {@code application.server} (host:port of their HTTP endpoint).
 */
public final class QueryRouter implements Owners {
    /** The header a forwarded request carries: the forwarding instance. A forwarded request is never forwarded again. */
    public static final String FORWARDED_BY = "X-Streamrec-Forwarded-By";
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient client;
    private final Duration timeout;

    /** Where a user's events are processed: the partition, its active instance and standbys. */
    public record Owner(int partition, HostInfo active, List<HostInfo> standbys, boolean local) { }

    /** An answer of another instance, passed on as it is. */
    public record Forwarded(int status, byte[] body) { }

    public QueryRouter(final KafkaStreams streams, final HostInfo self, final Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** This instance's {@code application.server}. */
    @Override
    public HostInfo self() {
        return self;
    }

    /** The owner of {@code user}; 503 while the metadata is not known (starting, rebalancing). */
    @Override
    public Owner locate(final String user) {
        final KeyQueryMetadata metadata = streams.queryMetadataForKey(ProfileStores.USERS, user, KEYS);
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE
            || metadata.activeHost().equals(HostInfo.unavailable())) {
            throw new QueryException(503, "owner_unknown", "the owner of user " + user + " is not known yet (state "
                + streams.state() + "); retry");
        }
        return new Owner(metadata.partition(), metadata.activeHost(), List.copyOf(metadata.standbyHosts()),
            metadata.activeHost().equals(self));
    }

    /** Sends the request to {@code host} and returns its answer; 502 when it cannot be reached. */
    @Override
    public Forwarded forward(final HostInfo host, final String method, final String pathAndQuery, final byte[] body) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                + pathAndQuery))
            .timeout(timeout)
            .header(FORWARDED_BY, self.host() + ":" + self.port())
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        try {
            final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Forwarded(response.statusCode(), response.body());
        } catch (final IOException e) {
            throw new QueryException(502, "owner_unreachable", "the owner " + host + " of the request did not answer: "
                + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(503, "interrupted", "interrupted while forwarding to " + host);
        }
    }
}
