package dev.streamrec.models;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateStringsTest {
    private static byte[] written(final String s) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            StateStrings.write(out, s);
            out.writeInt(42); // what follows must still be read correctly
        }
        return bytes.toByteArray();
    }

    private static String roundTrip(final String s) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(written(s)));
        final String read = StateStrings.read(in);
        assertEquals(42, in.readInt());
        return read;
    }

    @Test
    void roundTripsStringsFarBeyondWriteUtfsLimit() throws IOException {
        final String emoji = "\uD83C\uDFAC"; // one supplementary code point, 4 UTF-8 bytes
        for (final String s : List.of("", "u1", "é".repeat(40_000), emoji.repeat(50_000), "a".repeat(200_000),
            "\u0000nul" + "ж".repeat(33_000))) {
            assertEquals(s, roundTrip(s), "length " + s.length());
        }
    }

    @Test
    void writesWriteUtfBytesForEveryStringWriteUtfCanHold() throws IOException {
        for (final String s : List.of("item-1", "Amélie \uD83C\uDFAC", "\u0000", "x".repeat(65_534))) {
            final ByteArrayOutputStream legacy = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(legacy)) {
                out.writeUTF(s);
                out.writeInt(42);
            }
            assertArrayEquals(legacy.toByteArray(), written(s), "length " + s.length());
        }
    }

    @Test
    void rejectsALongFormLengthBeyondTheInput() {
        final byte[] bytes = {(byte) 0xFF, (byte) 0xFF, 0, 0, 1, 0, 'a'};
        assertThrows(IOException.class, () -> StateStrings.read(new DataInputStream(new ByteArrayInputStream(bytes))));
    }
}
