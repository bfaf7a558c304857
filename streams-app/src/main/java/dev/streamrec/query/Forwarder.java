package dev.streamrec.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a live query to another instance over HTTP ({@link HttpClient}), marked with
 * {@link QueryRouter#FORWARDED_BY} so that the receiver answers it itself or refuses, never forwards again.
 */
public final class Forwarder {
    private final HostInfo self;
    private final Duration timeout;
    private final HttpClient client;

    public Forwarder(final HostInfo self, final Duration timeout) {
        this.self = self;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends the request to {@code host} and returns its answer; 502 when it cannot be reached. */
    public QueryRouter.Forwarded forward(final HostInfo host, final String method, final String pathAndQuery,
                                         final byte[] body) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                + pathAndQuery))
            .timeout(timeout)
            .header(QueryRouter.FORWARDED_BY, self.host() + ":" + self.port())
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        try {
            final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new QueryRouter.Forwarded(response.statusCode(), response.body());
        } catch (final IOException e) {
            throw new QueryException(502, "owner_unreachable", "the owner " + host + " of the request did not answer: "
                + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(503, "interrupted", "interrupted while forwarding to " + host);
        }
    }
}
