package dev.streamrec.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the .npy 1.0 files {@link NpyWriter} writes (little-endian float64 or int64), independently of it. */
final class NpyFiles {
    private static final Pattern HEADER =
        Pattern.compile("\\{'descr': '(<f8|<i8)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), }");

    record Array(String descr, int[] shape, ByteBuffer data) {
        double[] doubles() {
            final double[] out = new double[data.remaining() / 8];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        }

        long[] longs() {
            final long[] out = new long[data.remaining() / 8];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
    }

    private NpyFiles() {
    }

    static Array read(final Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        if (bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[6] != 1 || bytes[7] != 0) {
            throw new IOException(file + ": not a .npy 1.0 file");
        }
        final int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        if ((10 + headerLength) % 64 != 0) {
            throw new IOException(file + ": data not aligned to 64 bytes");
        }
        final String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1).trim();
        final Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new IOException(file + ": unexpected header " + header);
        }
        final int[] shape = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .mapToInt(Integer::parseInt).toArray();
        return new Array(m.group(1), shape, ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
            .slice());
    }
}
