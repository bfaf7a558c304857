package dev.streamrec.features;

/**
 * Seeded MurmurHash3 x86_32 (Appleby) of a feature: the UTF-16 code units of the group name, a separator
 * ({@link #SEPARATOR}) and the value, two code units per 32-bit block, low unit first; the result therefore equals
 * {@code MurmurHash3_x86_32(utf16le(group + SEP + value), seed)} and is then masked into {@code [0, 2^hashBits)}.
 *
 * <p>Allocation-free: no {@code getBytes}, no concatenation. The running hash state (32-bit h, a pending code unit
 * and a has-pending flag) is packed into one {@code long} that is threaded through the feed steps. Immutable and
 * thread-safe.
 */
public final class FeatureHasher {
    /** Separates the group name from the value (and the two sides of a cross); ASCII unit separator. */
    public static final char SEPARATOR = '\u001F';

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;
    private static final long PENDING_FLAG = 1L << 48;

    private final int seed;
    private final int mask;

    public FeatureHasher(final int hashBits, final int seed) {
        if (hashBits < 1 || hashBits > 31) {
            throw new IllegalArgumentException("hashBits must be in 1..31, got " + hashBits);
        }
        this.seed = seed;
        this.mask = (1 << hashBits) - 1;
    }

    public static FeatureHasher of(final FeatureConfig config) {
        return new FeatureHasher(config.hashBits(), config.seed());
    }

    /** Index of {@code group SEP value}. */
    public int index(final String group, final CharSequence value) {
        long s = start(group);
        s = feed(s, value, 0, value.length(), false);
        return finish(s, group.length() + 1 + value.length()) & mask;
    }

    /** Index of {@code group SEP value[from, to)}, optionally lower-casing each code unit (for text tokens). */
    public int index(final String group, final CharSequence value, final int from, final int to,
                     final boolean lowerCase) {
        long s = start(group);
        s = feed(s, value, from, to, lowerCase);
        return finish(s, group.length() + 1 + (to - from)) & mask;
    }

    /** Index of {@code group SEP code}, the int written as two code units (low half first): numeric buckets. */
    public int index(final String group, final int code) {
        long s = start(group);
        s = feed(s, (char) code);
        s = feed(s, (char) (code >>> 16));
        return finish(s, group.length() + 3) & mask;
    }

    /** Index of the cross {@code group SEP left SEP right}. */
    public int index(final String group, final CharSequence left, final CharSequence right) {
        return crossIndex(crossPrefix(group, left), group.length() + 2 + left.length(), right);
    }

    /**
     * The hash state after {@code group SEP left SEP}, shared by every cross of {@code left} with a right value:
     * {@link #crossIndex} finishes one. Hashing the prefix once for many right values gives the same indices as
     * {@link #index(String, CharSequence, CharSequence)}.
     */
    public long crossPrefix(final String group, final CharSequence left) {
        return feed(feed(start(group), left, 0, left.length(), false), SEPARATOR);
    }

    /** The index of the cross whose prefix state is {@code prefix}, {@code prefixUnits} code units long. */
    public int crossIndex(final long prefix, final int prefixUnits, final CharSequence right) {
        return finish(feed(prefix, right, 0, right.length(), false), prefixUnits + right.length()) & mask;
    }

    /** The unmasked MurmurHash3 x86_32 of the UTF-16LE bytes of {@code text} (for tests against reference vectors). */
    public static int murmur3(final CharSequence text, final int seed) {
        final long s = feed(seed & 0xffffffffL, text, 0, text.length(), false);
        return finish(s, text.length());
    }

    private long start(final String group) {
        final long s = feed(seed & 0xffffffffL, group, 0, group.length(), false);
        return feed(s, SEPARATOR);
    }

    private static long feed(final long state, final CharSequence text, final int from, final int to,
                             final boolean lowerCase) {
        long s = state;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            s = feed(s, lowerCase ? Character.toLowerCase(c) : c);
        }
        return s;
    }

    /** Packs: bits 0-31 = h1, bits 32-47 = pending code unit, bit 48 = a code unit is pending. */
    private static long feed(final long state, final char c) {
        if ((state & PENDING_FLAG) == 0) {
            return state | ((long) c << 32) | PENDING_FLAG;
        }
        final int k = (int) ((state >>> 32) & 0xffff) | (c << 16);
        return mixH((int) state, mixK(k)) & 0xffffffffL;
    }

    private static int finish(final long state, final int codeUnits) {
        int h = (int) state;
        if ((state & PENDING_FLAG) != 0) {
            h ^= mixK((int) ((state >>> 32) & 0xffff));
        }
        h ^= codeUnits * 2;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(final int k) {
        return Integer.rotateLeft(k * C1, 15) * C2;
    }

    private static int mixH(final int h, final int k) {
        return Integer.rotateLeft(h ^ k, 13) * 5 + 0xe6546b64;
    }
}
