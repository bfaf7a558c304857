package dev.streamrec.learning.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The wire format of a {@link RoundDelta} (a task's delta or a merged round), format version
 * {@value #FORMAT_VERSION}. Big-endian, floats and doubles as raw IEEE bits, NaN payloads included (a decoded delta
 * is bit-identical):
 * <pre>
 *   [version byte][task int][round long][part count int], then per part in name order:
 *   [name UTF][kind byte] and
 *     FTRL  (1): [count int] count x ([index int][dz double][dn double])
 *     rows  (2): [width int][count int] count x ([key long][created byte][width floats delta][width floats origin
 *                if created])
 *     dense (3): [length int] length x [float]
 *     history additions (4): [count int] count x ([owner long][member int])
 * </pre>
 */
public final class DeltaCodec {
    /** First byte of every encoded delta. */
    public static final byte FORMAT_VERSION = 1;
    private static final byte FTRL = 1;
    private static final byte ROWS = 2;
    private static final byte DENSE = 3;
    private static final byte ADDITIONS = 4;

    private DeltaCodec() {
    }

    public static byte[] encode(final RoundDelta delta) {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(delta.task());
            out.writeLong(delta.round());
            out.writeInt(delta.parts().size());
            for (final Map.Entry<String, PartDelta> part : delta.parts().entrySet()) {
                out.writeUTF(part.getKey());
                write(out, part.getValue());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The bytes {@code part} takes in an encoded delta under {@code name}: its name, kind and contents. */
    public static int encodedSize(final String name, final PartDelta part) {
        try (DataOutputStream out = new DataOutputStream(java.io.OutputStream.nullOutputStream())) {
            out.writeUTF(name);
            write(out, part);
            return out.size();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoundDelta decode(final byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("round delta has format version "
                + (bytes.length == 0 ? "(none: empty)" : String.valueOf(bytes[0])) + "; this build reads format "
                + "version " + FORMAT_VERSION);
        }
        try {
            final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
            final int task = in.readInt();
            final long round = in.readLong();
            final int count = checkCount(in.readInt(), in, 1, "parts");
            final SortedMap<String, PartDelta> parts = new TreeMap<>();
            for (int p = 0; p < count; p++) {
                final String name = in.readUTF();
                parts.put(name, read(in, name));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after round delta of task "
                    + task + " round " + round);
            }
            return new RoundDelta(task, round, parts);
        } catch (final IOException e) {
            throw new IllegalArgumentException("truncated round delta", e);
        }
    }

    private static void write(final DataOutputStream out, final PartDelta part) throws IOException {
        if (part instanceof PartDelta.Ftrl f) {
            out.writeByte(FTRL);
            out.writeInt(f.index().length);
            for (int k = 0; k < f.index().length; k++) {
                out.writeInt(f.index()[k]);
                out.writeLong(Double.doubleToRawLongBits(f.dz()[k]));
                out.writeLong(Double.doubleToRawLongBits(f.dn()[k]));
            }
        } else if (part instanceof PartDelta.Rows r) {
            out.writeByte(ROWS);
            out.writeInt(r.width());
            out.writeInt(r.keys().length);
            for (int k = 0; k < r.keys().length; k++) {
                out.writeLong(r.keys()[k]);
                out.writeBoolean(r.created()[k]);
                for (int j = 0; j < r.width(); j++) {
                    out.writeInt(Float.floatToRawIntBits(r.delta()[k * r.width() + j]));
                }
                if (r.created()[k]) {
                    for (int j = 0; j < r.width(); j++) {
                        out.writeInt(Float.floatToRawIntBits(r.origin()[k * r.width() + j]));
                    }
                }
            }
        } else if (part instanceof PartDelta.Additions a) {
            out.writeByte(ADDITIONS);
            out.writeInt(a.owners().length);
            for (int k = 0; k < a.owners().length; k++) {
                out.writeLong(a.owners()[k]);
                out.writeInt(a.members()[k]);
            }
        } else {
            final float[] d = ((PartDelta.Dense) part).delta();
            out.writeByte(DENSE);
            out.writeInt(d.length);
            for (final float v : d) {
                out.writeInt(Float.floatToRawIntBits(v));
            }
        }
    }

    private static PartDelta read(final DataInputStream in, final String name) throws IOException {
        final byte kind = in.readByte();
        if (kind == FTRL) {
            final int count = checkCount(in.readInt(), in, 20, name + " coordinates");
            final int[] index = new int[count];
            final double[] dz = new double[count];
            final double[] dn = new double[count];
            for (int k = 0; k < count; k++) {
                index[k] = in.readInt();
                dz[k] = in.readDouble();
                dn[k] = in.readDouble();
            }
            return new PartDelta.Ftrl(index, dz, dn);
        }
        if (kind == ROWS) {
            final int width = in.readInt();
            if (width < 1) {
                throw new IllegalArgumentException("part " + name + " has rows of width " + width);
            }
            final int count = checkCount(in.readInt(), in, 9 + 4L * width, name + " rows");
            final long[] keys = new long[count];
            final boolean[] created = new boolean[count];
            final float[] delta = new float[count * width];
            final float[] origin = new float[count * width];
            for (int k = 0; k < count; k++) {
                keys[k] = in.readLong();
                created[k] = in.readBoolean();
                for (int j = 0; j < width; j++) {
                    delta[k * width + j] = in.readFloat();
                }
                if (created[k]) {
                    for (int j = 0; j < width; j++) {
                        origin[k * width + j] = in.readFloat();
                    }
                }
            }
            return new PartDelta.Rows(width, keys, delta, created, origin);
        }
        if (kind == DENSE) {
            final float[] d = new float[checkCount(in.readInt(), in, 4, name + " elements")];
            for (int i = 0; i < d.length; i++) {
                d[i] = in.readFloat();
            }
            return new PartDelta.Dense(d);
        }
        if (kind == ADDITIONS) {
            final int count = checkCount(in.readInt(), in, 12, name + " history additions");
            final long[] owners = new long[count];
            final int[] members = new int[count];
            for (int k = 0; k < count; k++) {
                owners[k] = in.readLong();
                members[k] = in.readInt();
            }
            return new PartDelta.Additions(owners, members);
        }
        throw new IllegalArgumentException("part " + name + " has unknown kind " + kind);
    }

    /** A count that the remaining bytes can hold at {@code bytesEach} each (a corrupt count fails, not allocates). */
    private static int checkCount(final int count, final DataInputStream in, final long bytesEach, final String what)
        throws IOException {
        if (count < 0 || count * bytesEach > in.available()) {
            throw new IllegalArgumentException("round delta claims " + count + " " + what + " in "
                + in.available() + " remaining bytes");
        }
        return count;
    }
}
