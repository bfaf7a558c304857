package dev.streamrec.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.streamrec.models.ParameterSink;
import org.junit.jupiter.api.Test;

class DeferredSinkTest {
    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void holdsEntriesUntilFlushThenWritesTheLatestOfEachKeyOnce() {
        final List<String> written = new ArrayList<>();
        final DeferredSink sink = new DeferredSink(new ParameterSink() {
            @Override
            public void put(final byte[] key, final byte[] value) {
                written.add("put " + new String(key, StandardCharsets.UTF_8) + "="
                    + new String(value, StandardCharsets.UTF_8));
            }

            @Override
            public void delete(final byte[] key) {
                written.add("delete " + new String(key, StandardCharsets.UTF_8));
            }
        });
        sink.put(b("b"), b("1"));
        sink.put(b("a"), b("1"));
        sink.delete(b("c"));
        sink.put(b("b"), b("2"));
        assertEquals(List.of(), written, "nothing written before the checkpoint");
        assertEquals(3, sink.size());
        sink.flush();
        assertEquals(List.of("put b=2", "put a=1", "delete c"), written);
        assertEquals(0, sink.size());
        sink.flush();
        assertEquals(3, written.size(), "a second flush writes nothing");
    }
}
