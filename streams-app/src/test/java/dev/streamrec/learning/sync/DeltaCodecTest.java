package dev.streamrec.learning.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeltaCodecTest {

    @Test
    void shouldRoundTripEveryKindOfPartBitForBit() {
        final RoundDelta delta = RandomDeltas.of(3, 99, 7);
        final RoundDelta decoded = DeltaCodec.decode(DeltaCodec.encode(delta));
        assertEquals(3, decoded.task());
        assertEquals(99, decoded.round());
        assertEquals(delta.parts().keySet(), decoded.parts().keySet());
        final PartDelta.Ftrl f = (PartDelta.Ftrl) delta.part("lr/click");
        final PartDelta.Ftrl g = (PartDelta.Ftrl) decoded.part("lr/click");
        assertArrayEquals(f.index(), g.index());
        assertArrayEquals(f.dz(), g.dz());
        assertArrayEquals(f.dn(), g.dn());
        final PartDelta.Rows r = (PartDelta.Rows) delta.part("deepmix/embedding");
        final PartDelta.Rows s = (PartDelta.Rows) decoded.part("deepmix/embedding");
        assertArrayEquals(r.keys(), s.keys());
        assertArrayEquals(r.delta(), s.delta());
        assertArrayEquals(r.created(), s.created());
        assertArrayEquals(r.origin(), s.origin());
        assertArrayEquals(DeltaCodec.encode(delta), DeltaCodec.encode(decoded));
    }

    @Test
    void shouldSizeEachPartSoThatThePartsAndTheHeaderMakeTheEncodedDelta() {
        final RoundDelta delta = RandomDeltas.of(1, 5, 11);
        long parts = 0;
        for (final Map.Entry<String, PartDelta> part : delta.parts().entrySet()) {
            final int size = DeltaCodec.encodedSize(part.getKey(), part.getValue());
            assertTrue(size > part.getKey().length() + 1, part.getKey());
            parts += size;
        }
        final int header = 1 + 4 + 8 + 4; // version, task, round, part count
        assertEquals(DeltaCodec.encode(delta).length, header + parts);
    }

    @Test
    void shouldRoundTripHistoryAdditionsInTheirOrder() {
        final PartDelta.Additions a = new PartDelta.Additions(new long[] {Long.MAX_VALUE, 3, 3},
            new int[] {7, Integer.MAX_VALUE, 0});
        final RoundDelta delta = new RoundDelta(RoundDelta.MERGED, 4, new java.util.TreeMap<>(Map.of(
            "deepmix/factor.item.history", a)));
        final PartDelta.Additions b = (PartDelta.Additions) DeltaCodec.decode(DeltaCodec.encode(delta))
            .part("deepmix/factor.item.history");
        assertArrayEquals(a.owners(), b.owners());
        assertArrayEquals(a.members(), b.members());
    }

    @Test
    void shouldRoundTripAMergedRoundAndKeepNegativeZeroAndNaNBits() {
        final RoundDelta merged = new RoundDelta(RoundDelta.MERGED, 0, new java.util.TreeMap<>(Map.of(
            "m/dense", new PartDelta.Dense(new float[] {-0f, Float.intBitsToFloat(0x7fc00001), 1e-40f}))));
        final RoundDelta decoded = DeltaCodec.decode(DeltaCodec.encode(merged));
        assertEquals(RoundDelta.MERGED, decoded.task());
        final float[] in = ((PartDelta.Dense) merged.part("m/dense")).delta();
        final float[] out = ((PartDelta.Dense) decoded.part("m/dense")).delta();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Float.floatToRawIntBits(in[i]), Float.floatToRawIntBits(out[i]));
        }
    }

    @Test
    void shouldRejectAnotherFormatVersionNamingBoth() {
        final byte[] bytes = DeltaCodec.encode(RandomDeltas.of(0, 1, 1));
        bytes[0] = 2;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DeltaCodec.decode(bytes));
        assertTrue(e.getMessage().contains("format version 2") && e.getMessage().contains("version 1"),
            e.getMessage());
    }

    @Test
    void shouldRejectTruncatedAndPaddedDeltas() {
        final byte[] bytes = DeltaCodec.encode(RandomDeltas.of(0, 1, 1));
        for (final int cut : List.of(1, 5, 17, bytes.length / 2, bytes.length - 1)) {
            assertThrows(IllegalArgumentException.class, () -> DeltaCodec.decode(Arrays.copyOf(bytes, cut)),
                "cut at " + cut);
        }
        assertThrows(IllegalArgumentException.class, () -> DeltaCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> DeltaCodec.decode(new byte[0]));
    }
}
