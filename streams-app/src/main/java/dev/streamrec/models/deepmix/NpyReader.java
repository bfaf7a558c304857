package dev.streamrec.models.deepmix;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 2-D float32/float64 C-order array from a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0 of the
 * NumPy format spec: magic {@code \x93NUMPY}, major, minor, little-endian header length (2 bytes in 1.0, 4 after),
 * then a Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}, then the raw data).
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A row-major matrix read from a .npy file, converted to float. */
    public record Matrix(int rows, int cols, float[] data) {
        public Matrix {
            if (data.length != (long) rows * cols) {
                throw new IllegalArgumentException("data length " + data.length + " is not " + rows + " x " + cols);
            }
        }

        /** Copies row {@code r} into {@code out[off, off + cols)}. */
        public void copyRow(final int r, final float[] out, final int off) {
            System.arraycopy(data, r * cols, out, off, cols);
        }
    }

    private NpyReader() {
    }

    /** Reads the file at {@code path}. */
    public static Matrix read(final Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /** Reads a .npy stream; {@code source} names it in error messages. */
    public static Matrix read(final InputStream raw, final String source) throws IOException {
        final DataInputStream in = new DataInputStream(raw);
        final byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + " is not a .npy file (bad magic)");
        }
        final int major = in.readUnsignedByte();
        in.readUnsignedByte();
        final long headerLen;
        if (major == 1) {
            headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
        } else if (major == 2 || major == 3) {
            final byte[] len = new byte[4];
            in.readFully(len);
            headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        } else {
            throw new IOException(source + ": unsupported .npy format version " + major + "; reader knows 1, 2, 3");
        }
        final byte[] header = new byte[(int) headerLen];
        in.readFully(header);
        final String dict = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        final Matcher descr = DESCR.matcher(dict);
        final Matcher fortran = FORTRAN.matcher(dict);
        final Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new IOException(source + ": malformed .npy header " + dict.trim());
        }
        if ("True".equals(fortran.group(1))) {
            throw new IOException(source + ": Fortran-order arrays are not supported");
        }
        final int width = Integer.parseInt(descr.group(3));
        if (!"f".equals(descr.group(2)) || (width != 4 && width != 8)) {
            throw new IOException(source + ": dtype " + descr.group(2) + width + " unsupported; need float32/64");
        }
        final ByteOrder order = ">".equals(descr.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        final String[] dims = shape.group(1).split(",");
        if (dims.length < 2 || dims[1].isBlank() || (dims.length > 2 && !dims[2].isBlank())) {
            throw new IOException(source + ": need a 2-D array, shape is (" + shape.group(1) + ")");
        }
        final int rows = Integer.parseInt(dims[0].trim());
        final int cols = Integer.parseInt(dims[1].trim());
        final long count = (long) rows * cols;
        if (count * width > Integer.MAX_VALUE) {
            throw new IOException(source + ": array of " + count + " elements is too large");
        }
        final byte[] body = new byte[(int) (count * width)];
        in.readFully(body);
        final ByteBuffer buf = ByteBuffer.wrap(body).order(order);
        final float[] data = new float[(int) count];
        for (int i = 0; i < count; i++) {
            data[i] = width == 4 ? buf.getFloat() : (float) buf.getDouble();
        }
        return new Matrix(rows, cols, data);
    }
}
