package dev.streamrec.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings of any length in persisted state. {@link DataOutputStream#writeUTF} holds at most 65,535 bytes, so an
 * accepted id longer than about 21,000 chars would fail a task; this encoding keeps writeUTF's bytes for every
 * string it can hold (so state written before stays readable) and escapes the rest: a length field of
 * {@code 0xFFFF}, then a 4-byte length and standard UTF-8. The one cost: a writeUTF string of exactly 65,535
 * bytes written before this encoding would read as the escape; no such string passes today's id limits.
 */
public final class StateStrings {
    private static final int ESCAPE = 0xFFFF;

    private StateStrings() {
    }

    /** Writes {@code s} (non-null). */
    public static void write(final DataOutputStream out, final String s) throws IOException {
        if (modifiedUtf8Length(s) < ESCAPE) {
            out.writeUTF(s);
            return;
        }
        final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(ESCAPE);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Reads a string written by {@link #write}; {@code in} must support mark and reset (as byte-array input does). */
    public static String read(final DataInputStream in) throws IOException {
        in.mark(2);
        final int length = in.readUnsignedShort();
        if (length != ESCAPE) {
            in.reset();
            return in.readUTF();
        }
        final int bytes = in.readInt();
        if (bytes < 0 || bytes > in.available()) {
            throw new IOException("string of " + bytes + " bytes but " + in.available() + " left");
        }
        final byte[] utf8 = new byte[bytes];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The length of {@code s} in Java's modified UTF-8 (what writeUTF writes), counted up to the escape. */
    private static int modifiedUtf8Length(final String s) {
        int length = 0;
        for (int i = 0; i < s.length() && length < ESCAPE; i++) {
            final char c = s.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }
}
