package dev.streamrec.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted HTTP server on 127.0.0.1 for client tests: it answers request n with {@code script.answer(n, ...)}. */
final class StubHttpServer implements AutoCloseable {
    /** One canned answer. */
    record Answer(int status, String body) {
    }

    /** What a request looked like, as the server saw it. */
    record Seen(String method, String path, String authorization, String contentType, String accept) {
    }

    /** Chooses the answer to the n-th request (0-based). */
    interface Script {
        Answer answer(int n, Seen request);
    }

    private final HttpServer server;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubHttpServer(final Script script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> respond(exchange, script));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requestCount() {
        return count.get();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void respond(final HttpExchange exchange, final Script script) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            final Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"));
            seen.add(request);
            final Answer answer = script.answer(count.getAndIncrement(), request);
            final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", EmbeddedSchemaRegistry.CONTENT_TYPE);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
