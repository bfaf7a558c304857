package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FeatureHasherTest {
    /** Packs an even-length byte string into UTF-16LE code units, so the char hash equals the byte hash. */
    private static String utf16le(final byte[] bytes) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 2) {
            sb.append((char) ((bytes[i] & 0xff) | (i + 1 < bytes.length ? (bytes[i + 1] & 0xff) << 8 : 0)));
        }
        return sb.toString();
    }

    @Test
    void shouldMatchPublishedMurmur3X86_32Vectors() {
        // Reference vectors of MurmurHash3_x86_32 (SMHasher) for even-length inputs.
        assertEquals(0, FeatureHasher.murmur3("", 0));
        assertEquals(0x514E28B7, FeatureHasher.murmur3("", 1));
        assertEquals(0x81F16F39, FeatureHasher.murmur3("", 0xffffffff));
        assertEquals(0x2362F9DE, FeatureHasher.murmur3(utf16le(new byte[4]), 0));
        assertEquals(0x5A97808A, FeatureHasher.murmur3(utf16le("aaaa".getBytes()), 0x9747b28c));
        assertEquals(0x5D211726, FeatureHasher.murmur3(utf16le("aa".getBytes()), 0x9747b28c));
        assertEquals(0xF0478627, FeatureHasher.murmur3(utf16le("abcd".getBytes()), 0x9747b28c));
    }

    @Test
    void shouldGiveTheCrossIndexFromASharedPrefix() {
        final FeatureHasher hasher = new FeatureHasher(20, 42);
        for (final String left : List.of("", "7", "1234", "odd")) {
            final long prefix = hasher.crossPrefix("user:item.genre", left);
            for (final String right : List.of("", "Comedy", "Sci-Fi", "x")) {
                assertEquals(hasher.index("user:item.genre", left, right),
                    hasher.crossIndex(prefix, "user:item.genre".length() + 2 + left.length(), right));
            }
        }
    }

    @Test
    void shouldEqualTheHashOfTheConcatenatedFeatureString() {
        final FeatureHasher hasher = new FeatureHasher(30, 42);
        final int mask = (1 << 30) - 1;
        assertEquals(FeatureHasher.murmur3("item.genre\u001FComedy", 42) & mask, hasher.index("item.genre", "Comedy"));
        assertEquals(FeatureHasher.murmur3("user:item.genre\u001F7\u001FComedy", 42) & mask,
            hasher.index("user:item.genre", "7", "Comedy"));
        assertEquals(FeatureHasher.murmur3("user.age\u001F\u0005\u0000", 42) & mask, hasher.index("user.age", 5));
    }

    @Test
    void shouldBeDeterministicAndHashSubrangesLikeWholeLowerCasedStrings() {
        final FeatureHasher hasher = new FeatureHasher(20, 42);
        assertEquals(hasher.index("user", "u123"), new FeatureHasher(20, 42).index("user", "u123"));
        assertEquals(hasher.index("item.title", "story"),
            hasher.index("item.title", "Toy STORY (1995)", 4, 9, true));
    }

    @Test
    void shouldDependOnSeedAndGroup() {
        final FeatureHasher a = new FeatureHasher(20, 42);
        final FeatureHasher b = new FeatureHasher(20, 43);
        int same = 0;
        for (int k = 0; k < 1000; k++) {
            same += a.index("user", "u" + k) == b.index("user", "u" + k) ? 1 : 0;
        }
        assertTrue(same < 5, "seeds 42 and 43 agree on " + same + " of 1000");
        assertNotEquals(a.index("user", "7"), a.index("item", "7"));
    }

    @Test
    void shouldSpreadFeaturesRoughlyUniformly() {
        final FeatureHasher hasher = new FeatureHasher(8, 42);
        final int[] counts = new int[256];
        final int n = 256_000;
        for (int k = 0; k < n; k++) {
            final int i = hasher.index("item", Integer.toString(k));
            assertTrue(i >= 0 && i < 256);
            counts[i]++;
        }
        double chi2 = 0;
        for (final int c : counts) {
            chi2 += (c - 1000.0) * (c - 1000.0) / 1000.0;
        }
        // 255 degrees of freedom: mean 255, sd ~22.6; 400 is > 6 sd
        assertTrue(chi2 < 400, "chi-square " + chi2);
    }
}
