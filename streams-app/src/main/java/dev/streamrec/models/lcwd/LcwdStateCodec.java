package dev.streamrec.models.lcwd;

import dev.streamrec.features.Example;
import dev.streamrec.features.ExampleCodec;
import dev.streamrec.features.Task;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Keys and values of LC-W&amp;D's persisted state. Keys start with a kind byte and (except the model version) the
 * task ordinal; every value starts with {@link #FORMAT_VERSION}; all numbers are big-endian.
 * <pre>
 *   kind 1 VERSION  key [1]                          value [v][events learned long]
 *   kind 2 STEPS    key [2][task]                    value [v][mini-batch steps long]
 *   kind 3 M1       key [3][task][index int]         value [v][weight float][row steps long][slots byte][slot floats]
 *   kind 4 DENSE    key [4][task][layer][0=W,1=b]    value [v][rows int][cols int][slots byte][values][slot arrays]
 *   kind 5 PENDING  key [5][task][position int]      value [v][ExampleCodec bytes]
 *   kind 6 WIDE     key [6][task][wide part's key]   value: the wide part's own versioned value
 * </pre>
 */
final class LcwdStateCodec {
    /** Format version of every value this class writes. */
    static final byte FORMAT_VERSION = 1;

    static final byte KIND_VERSION = 1;
    static final byte KIND_STEPS = 2;
    static final byte KIND_M1 = 3;
    static final byte KIND_DENSE = 4;
    static final byte KIND_PENDING = 5;
    static final byte KIND_WIDE = 6;

    /** One persisted M1 entry: its weight, its own optimiser step count and optimiser slots. */
    record M1Row(float value, long steps, float[] state) {
    }

    /** One persisted dense tensor (rows x cols, row-major) with its optimiser slots. */
    record DenseTensor(int rows, int cols, float[] values, float[][] state) {
    }

    private LcwdStateCodec() {
    }

    static byte[] versionKey() {
        return new byte[] {KIND_VERSION};
    }

    static byte[] stepsKey(final Task task) {
        return new byte[] {KIND_STEPS, (byte) task.ordinal()};
    }

    static byte[] m1Key(final Task task, final int index) {
        return ByteBuffer.allocate(6).put(KIND_M1).put((byte) task.ordinal()).putInt(index).array();
    }

    static byte[] denseKey(final Task task, final int layer, final boolean bias) {
        return new byte[] {KIND_DENSE, (byte) task.ordinal(), (byte) layer, (byte) (bias ? 1 : 0)};
    }

    static byte[] pendingKey(final Task task, final int position) {
        return ByteBuffer.allocate(6).put(KIND_PENDING).put((byte) task.ordinal()).putInt(position).array();
    }

    static byte[] wideKey(final Task task, final byte[] suffix) {
        final byte[] key = new byte[2 + suffix.length];
        key[0] = KIND_WIDE;
        key[1] = (byte) task.ordinal();
        System.arraycopy(suffix, 0, key, 2, suffix.length);
        return key;
    }

    static Task task(final byte[] key) {
        if (key.length < 2 || key[1] < 0 || key[1] >= Task.values().length) {
            throw new IllegalArgumentException("LC-W&D key without a valid task byte: " + Arrays.toString(key));
        }
        return Task.values()[key[1]];
    }

    static int intAfterTask(final byte[] key) {
        if (key.length != 6) {
            throw new IllegalArgumentException("LC-W&D key of kind " + key[0] + " must have 6 bytes, got "
                + key.length);
        }
        return ByteBuffer.wrap(key, 2, 4).getInt();
    }

    static byte[] encodeLong(final long value) {
        return ByteBuffer.allocate(9).put(FORMAT_VERSION).putLong(value).array();
    }

    static long decodeLong(final byte[] value) {
        final ByteBuffer buf = open(value, "counter");
        return finish(buf, buf.getLong(), "counter");
    }

    static byte[] encodeM1Row(final M1Row row) {
        final ByteBuffer buf = ByteBuffer.allocate(1 + 4 + 8 + 1 + 4 * row.state().length);
        buf.put(FORMAT_VERSION).putFloat(row.value()).putLong(row.steps()).put((byte) row.state().length);
        for (final float s : row.state()) {
            buf.putFloat(s);
        }
        return buf.array();
    }

    static M1Row decodeM1Row(final byte[] value) {
        final ByteBuffer buf = open(value, "M1 row");
        final float weight = buf.getFloat();
        final long steps = buf.getLong();
        final float[] state = new float[buf.get()];
        for (int s = 0; s < state.length; s++) {
            state[s] = buf.getFloat();
        }
        return finish(buf, new M1Row(weight, steps, state), "M1 row");
    }

    static byte[] encodeDense(final DenseTensor tensor) {
        final int n = tensor.values().length;
        final ByteBuffer buf = ByteBuffer.allocate(1 + 4 + 4 + 1 + 4 * n * (1 + tensor.state().length));
        buf.put(FORMAT_VERSION).putInt(tensor.rows()).putInt(tensor.cols()).put((byte) tensor.state().length);
        buf.asFloatBuffer().put(tensor.values());
        buf.position(buf.position() + 4 * n);
        for (final float[] slot : tensor.state()) {
            buf.asFloatBuffer().put(slot, 0, n);
            buf.position(buf.position() + 4 * n);
        }
        return buf.array();
    }

    static DenseTensor decodeDense(final byte[] value) {
        final ByteBuffer buf = open(value, "dense tensor");
        final int rows = buf.getInt();
        final int cols = buf.getInt();
        final int slots = buf.get();
        if (rows < 0 || cols < 0 || slots < 0 || (long) rows * cols * 4 * (1 + slots) != buf.remaining()) {
            throw new IllegalArgumentException("malformed dense tensor: " + rows + " x " + cols + " with " + slots
                + " slots in " + value.length + " bytes");
        }
        final float[] values = new float[rows * cols];
        buf.asFloatBuffer().get(values);
        buf.position(buf.position() + 4 * values.length);
        final float[][] state = new float[slots][values.length];
        for (final float[] slot : state) {
            buf.asFloatBuffer().get(slot);
            buf.position(buf.position() + 4 * values.length);
        }
        return finish(buf, new DenseTensor(rows, cols, values, state), "dense tensor");
    }

    static byte[] encodeExample(final Example example) {
        final byte[] body = ExampleCodec.encode(example);
        final byte[] value = new byte[1 + body.length];
        value[0] = FORMAT_VERSION;
        System.arraycopy(body, 0, value, 1, body.length);
        return value;
    }

    static Example decodeExample(final byte[] value) {
        checkVersion(value, "pending example");
        return ExampleCodec.decode(value, 1, value.length - 1);
    }

    static void checkVersion(final byte[] value, final String what) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty LC-W&D " + what + " value");
        }
        if (value[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown LC-W&D " + what + " format version " + value[0]
                + "; this build reads version " + FORMAT_VERSION);
        }
    }

    private static ByteBuffer open(final byte[] value, final String what) {
        checkVersion(value, what);
        return ByteBuffer.wrap(value, 1, value.length - 1);
    }

    private static <T> T finish(final ByteBuffer buf, final T result, final String what) {
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException(buf.remaining() + " trailing bytes after an LC-W&D " + what);
        }
        return result;
    }

    /** Wraps decoding failures of truncated values into a message with the kind of value. */
    static RuntimeException truncated(final String what, final BufferUnderflowException e) {
        return new IllegalArgumentException("truncated LC-W&D " + what + " value", e);
    }
}
