package dev.streamrec.models.params;

import dev.streamrec.models.StateStrings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The one binary format of every model's persisted state, format version {@value #FORMAT_VERSION} (the per-model
 * formats of version 1 were never released and are not read). Big-endian, floats and doubles as raw IEEE bits so
 * that a restore is bit-identical.
 * <pre>
 *   key   [FORMAT_VERSION][part name: StateStrings][block int]
 *   value [FORMAT_VERSION][the part's payload for that block]
 * </pre>
 * A value is at most {@link #MAX_VALUE_BYTES}: parts cut their state into blocks that fit, so that a checkpoint
 * never makes a changelog record near Kafka's 1 MB default limit.
 */
public final class StateCodec {
    /** First byte of every key and value. */
    public static final byte FORMAT_VERSION = 2;
    /** Upper bound of one value, 256 KiB. */
    public static final int MAX_VALUE_BYTES = 256 * 1024;

    /** Writes a payload. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** A decoded key: which part, which block of it. */
    public record Key(String part, int block) {
    }

    private StateCodec() {
    }

    public static byte[] key(final String part, final int block) {
        return bytes(out -> {
            StateStrings.write(out, part);
            out.writeInt(block);
        });
    }

    public static Key readKey(final byte[] key) {
        try {
            final DataInputStream in = open(key, "key");
            final Key k = new Key(StateStrings.read(in), in.readInt());
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes in state key of part "
                    + k.part());
            }
            return k;
        } catch (final IOException e) {
            throw new IllegalArgumentException("truncated state key", e);
        }
    }

    /** {@code [FORMAT_VERSION]} followed by what {@code writer} writes. */
    public static byte[] bytes(final Writer writer) {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT_VERSION);
            writer.write(out);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A reader positioned after the version byte; rejects other versions, naming both. */
    public static DataInputStream open(final byte[] bytes, final String what) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty model state " + what + ": no format version byte");
        }
        if (bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("model state " + what + " has format version " + bytes[0]
                + "; this build reads format version " + FORMAT_VERSION);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
    }

    /** {@code a[from, to)} as length then raw bits, in one block. */
    public static void writeFloats(final DataOutputStream out, final float[] a, final int from, final int to)
        throws IOException {
        out.writeInt(to - from);
        final ByteBuffer block = ByteBuffer.allocate((to - from) * Float.BYTES);
        block.asFloatBuffer().put(a, from, to - from);
        out.write(block.array());
    }

    /** Reads what {@link #writeFloats} wrote into {@code a[from, from + expected)}. */
    public static void readFloats(final DataInputStream in, final float[] a, final int from, final int expected)
        throws IOException {
        final int length = in.readInt();
        if (length != expected) {
            throw new IllegalArgumentException("float block of " + length + " values where " + expected
                + " are expected (was the model configured differently?)");
        }
        if (length > in.available() / Float.BYTES) {
            throw new EOFException("float block of " + length + " values overruns the entry");
        }
        final byte[] block = new byte[length * Float.BYTES];
        in.readFully(block);
        ByteBuffer.wrap(block).asFloatBuffer().get(a, from, length);
    }

    /** Throws unless {@code ok}, naming what mismatched. */
    public static void check(final boolean ok, final String what, final long got, final long expected) {
        if (!ok) {
            throw new IllegalArgumentException("model state mismatch: " + what + " " + got + " where the"
                + " configuration gives " + expected);
        }
    }
}
