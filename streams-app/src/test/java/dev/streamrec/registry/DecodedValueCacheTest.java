package dev.streamrec.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class DecodedValueCacheTest {
    /** Decodes bytes to their text, counting calls; "bad" fails. */
    private static final class Counting implements Deserializer<String> {
        final List<String> decoded = new ArrayList<>();

        @Override
        public String deserialize(final String topic, final byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            final String text = new String(bytes, StandardCharsets.UTF_8);
            decoded.add(text);
            if (text.equals("bad")) {
                throw new SerializationException("undecodable");
            }
            return new String(text);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesEqualBytesOnceAndReturnsTheSameValue() {
        final Counting inner = new Counting();
        final DecodedValueCache<String> cache = new DecodedValueCache<>(inner, 8);
        final String first = cache.deserialize("t", bytes("user-1"));
        final String again = cache.deserialize("t", bytes("user-1"));
        assertSame(first, again, "equal bytes in another array");
        assertEquals("user-2", cache.deserialize("t", bytes("user-2")));
        assertEquals(List.of("user-1", "user-2"), inner.decoded);
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsCapacity() {
        final Counting inner = new Counting();
        final DecodedValueCache<String> cache = new DecodedValueCache<>(inner, 2);
        cache.deserialize("t", bytes("a"));
        cache.deserialize("t", bytes("b"));
        cache.deserialize("t", bytes("a"));
        cache.deserialize("t", bytes("c"));
        cache.deserialize("t", bytes("a"));
        cache.deserialize("t", bytes("b"));
        assertEquals(List.of("a", "b", "c", "b"), inner.decoded, "b was the eldest when c came");
    }

    @Test
    void neverCachesAFailureOrNull() {
        final Counting inner = new Counting();
        final DecodedValueCache<String> cache = new DecodedValueCache<>(inner, 8);
        assertThrows(SerializationException.class, () -> cache.deserialize("t", bytes("bad")));
        assertThrows(SerializationException.class, () -> cache.deserialize("t", bytes("bad")));
        assertNull(cache.deserialize("t", null));
        assertEquals(List.of("bad", "bad"), inner.decoded);
    }

    @Test
    void keepsOneMapPerThread() throws InterruptedException {
        final Counting inner = new Counting();
        final DecodedValueCache<String> cache = new DecodedValueCache<>(inner, 8);
        final String here = cache.deserialize("t", bytes("x"));
        final AtomicReference<String> there = new AtomicReference<>();
        final Thread other = new Thread(() -> there.set(cache.deserialize("t", bytes("x"))));
        other.start();
        other.join();
        assertEquals(here, there.get());
        assertEquals(List.of("x", "x"), inner.decoded, "each thread decodes for itself: no shared mutable map");
    }
}
