package dev.streamrec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The HTTP client {@code bench query} times its queries with. It runs in the benchmarked JVM, on the same two cores
 * as the stream, so its own thread hand-offs count in every latency: {@link Kind#BLOCKING}
 * ({@link HttpURLConnection}, keep-alive, the request written and the answer read on the calling thread) adds
 * none; {@link Kind#JDK} ({@link HttpClient}, whose selector and executor threads complete each exchange) adds
 * two or more wake-ups per query, which the machine's load turns into milliseconds.
 */
final class QueryClient {
    /** Which client. */
    enum Kind { BLOCKING, JDK }

    /** An answer: the status and the whole body. */
    record Answer(int status, byte[] body) { }

    private final Kind kind;
    private final HttpClient jdk;

    QueryClient(final Kind kind) {
        this.kind = kind;
        this.jdk = kind == Kind.JDK ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
    }

    /** GET {@code uri}, the whole answer. */
    Answer get(final URI uri) throws IOException, InterruptedException {
        if (kind == Kind.JDK) {
            final HttpResponse<byte[]> response = jdk.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        }
        final HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod("GET");
        final int status = connection.getResponseCode();
        // Reading the whole body (also of an error) lets the JDK keep the connection for the next query.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }
}
