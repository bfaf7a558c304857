package dev.streamrec.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes NumPy {@code .npy} files, format version 1.0 (NumPy's format spec): magic {@code \x93NUMPY}, version 1.0,
 * a little-endian 2-byte header length, a Python dict literal padded with spaces and a newline so the data starts
 * at a multiple of 64 bytes, then the C-order little-endian data. float64 ({@code <f8}) and int64 ({@code <i8}).
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    public static void writeDoubles(final Path file, final int[] shape, final double[] values) throws IOException {
        check(shape, values.length);
        final ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asDoubleBuffer().put(values);
        write(file, "<f8", shape, data.array());
    }

    public static void writeLongs(final Path file, final int[] shape, final long[] values) throws IOException {
        check(shape, values.length);
        final ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        write(file, "<i8", shape, data.array());
    }

    private static void check(final int[] shape, final int length) {
        final long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                + " values, got " + length);
        }
    }

    private static void write(final Path file, final String descr, final int[] shape, final byte[] data)
        throws IOException {
        final String dims = shape.length == 1 ? shape[0] + ","
            : Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        final StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
            + dims + "), }");
        while ((MAGIC.length + 2 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        final byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(MAGIC);
            out.write(headerBytes.length & 0xFF);
            out.write(headerBytes.length >>> 8);
            out.write(headerBytes);
            out.write(data);
        }
    }
}
