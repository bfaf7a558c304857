package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** Both clients of {@code bench query} give the server's status and body, on success and on an error. */
class QueryClientTest {
    @Test
    void shouldReturnTheStatusAndTheWholeBodyWithEitherClient() throws Exception {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            final boolean found = exchange.getRequestURI().getPath().equals("/ok");
            final byte[] body = (found ? "{\"items\":[]}" : "{\"error\":\"not_found\"}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            final String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (final QueryClient.Kind kind : QueryClient.Kind.values()) {
                final QueryClient client = new QueryClient(kind);
                for (int i = 0; i < 3; i++) { // the same connection again, when kept alive
                    final QueryClient.Answer ok = client.get(URI.create(base + "/ok"));
                    assertEquals(200, ok.status(), kind.name());
                    assertArrayEquals("{\"items\":[]}".getBytes(StandardCharsets.UTF_8), ok.body(), kind.name());
                    final QueryClient.Answer missing = client.get(URI.create(base + "/missing"));
                    assertEquals(404, missing.status(), kind.name());
                    assertEquals("{\"error\":\"not_found\"}", new String(missing.body(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            server.stop(0);
        }
    }
}
