package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
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
 * DeepMix's persisted state, format version {@value #VERSION}. Every key and every value starts with the format
 * version byte; keys then carry a kind byte and the entry's identity, values the payload (floats as raw IEEE bits,
 * so a restore is bit-identical). Kinds: counters, numeric standardizer, embedding row (group, index: values,
 * optimiser slots, step count), dense tensor chunk (network, tensor, chunk: values, optimiser slots, step count),
 * item history, pending event and pending item (by position in the mini-batch buffer; deleted once the batch
 * trained), first-order weight (an {@link dev.streamrec.models.lr.FtrlProximal} entry, its key and value after the
 * kind byte and version byte), the genre head's threshold counts ({@link LabelThresholds}).
 */
final class DeepMixStateCodec {
    /** The current format version. */
    static final byte VERSION = 1;
    private static final byte COUNTERS = 1;
    private static final byte NUMERIC = 2;
    private static final byte ROW = 3;
    private static final byte DENSE = 4;
    private static final byte HISTORY = 5;
    private static final byte PENDING_EVENT = 6;
    private static final byte PENDING_ITEM = 7;
    private static final byte WIDE = 8;
    private static final byte THRESHOLDS = 9;
    private static final int DENSE_CHUNK = 16_384;

    private DeepMixStateCodec() {
    }

    /** Writes every entry changed since the previous drain. */
    static void drain(final DeepMixModel m, final ParameterSink sink) {
        sink.put(bytes(o -> o.writeByte(COUNTERS)), bytes(o -> {
            for (final long c : m.counters()) {
                o.writeLong(c);
            }
        }));
        final NumericStandardizer num = m.numerics();
        sink.put(bytes(o -> o.writeByte(NUMERIC)), bytes(o -> {
            o.writeInt(num.groups());
            for (int g = 0; g < num.groups(); g++) {
                o.writeLong(num.count(g));
                o.writeDouble(num.mean(g));
                o.writeDouble(num.m2(g));
            }
        }));
        m.tables().drainDirty((group, index, values, state, steps) -> sink.put(rowKey(group, index), bytes(o -> {
            o.writeLong(steps);
            o.writeInt(state.length);
            floats(o, values);
            for (final float[] s : state) {
                floats(o, s);
            }
        })));
        if (m.takeTrunkDirty()) {
            drainDense(0, m.trunk().params(), sink);
        }
        if (m.genre().takeDenseDirty()) {
            drainDense(1, m.genre().network().params(), sink);
        }
        m.histories().drainDirty((item, h) -> sink.put(historyKey(item), bytes(o -> {
            o.writeLong(h.count());
            floats(o, h.mean());
        })));
        m.pending().drain(p -> sink.delete(pendingKey(PENDING_EVENT, p)),
            (p, e) -> sink.put(pendingKey(PENDING_EVENT, p), bytes(o -> writeEvent(o, e))));
        m.genre().pending().drain(p -> sink.delete(pendingKey(PENDING_ITEM, p)),
            (p, item) -> sink.put(pendingKey(PENDING_ITEM, p), bytes(o -> writeItem(o, item))));
        if (m.thresholds().takeDirty()) {
            sink.put(bytes(o -> o.writeByte(THRESHOLDS)), bytes(o -> {
                final long[] counts = m.thresholds().counts();
                o.writeInt(counts.length);
                for (final long c : counts) {
                    o.writeLong(c);
                }
            }));
        }
        m.wide().drain(new ParameterSink() {
            @Override
            public void put(final byte[] key, final byte[] value) {
                sink.put(bytes(o -> {
                    o.writeByte(WIDE);
                    o.write(key);
                }), bytes(o -> o.write(value)));
            }

            @Override
            public void delete(final byte[] key) {
                throw new UnsupportedOperationException("FTRL coordinates are never deleted");
            }
        });
    }

    private static byte[] rowKey(final int group, final int index) {
        return bytes(o -> {
            o.writeByte(ROW);
            o.writeInt(group);
            o.writeInt(index);
        });
    }

    private static byte[] historyKey(final String itemId) {
        return bytes(o -> {
            o.writeByte(HISTORY);
            StateStrings.write(o, itemId);
        });
    }

    private static byte[] pendingKey(final byte kind, final int position) {
        return bytes(o -> {
            o.writeByte(kind);
            o.writeInt(position);
        });
    }

    /** Loads one drained entry. */
    static void restore(final DeepMixModel m, final byte[] key, final byte[] value) {
        try {
            final DataInputStream k = open(key, "key");
            final DataInputStream v = open(value, "value");
            final byte kind = k.readByte();
            switch (kind) {
                case COUNTERS -> m.restoreCounters(new long[] {v.readLong(), v.readLong(), v.readLong(), v.readLong()});
                case NUMERIC -> {
                    final int groups = v.readInt();
                    check(groups == m.numerics().groups(), "numeric groups", groups, m.numerics().groups());
                    for (int g = 0; g < groups; g++) {
                        m.numerics().restore(g, v.readLong(), v.readDouble(), v.readDouble());
                    }
                }
                case ROW -> {
                    final int group = k.readInt();
                    final int index = k.readInt();
                    final long steps = v.readLong();
                    final float[][] state = new float[v.readInt()][];
                    final float[] row = readFloats(v);
                    for (int s = 0; s < state.length; s++) {
                        state[s] = readFloats(v);
                    }
                    m.tables().restore(group, index, row, state, steps);
                }
                case DENSE -> restoreDense(k.readByte() == 0 ? m.trunk().params() : m.genre().network().params(),
                    k.readInt(), k.readInt(), v);
                case HISTORY -> m.histories().restore(StateStrings.read(k), new ItemHistories.History(v.readLong(),
                    readFloats(v)));
                case PENDING_EVENT -> m.pending().restore(k.readInt(), readEvent(v));
                case PENDING_ITEM -> m.genre().pending().restore(k.readInt(), readItem(v));
                case WIDE -> m.wide().restore(k.readAllBytes(), v.readAllBytes());
                case THRESHOLDS -> {
                    final long[] counts = new long[v.readInt()];
                    check(counts.length == m.thresholds().labels() * LabelThresholds.BINS * 2, "threshold counts",
                        counts.length, m.thresholds().labels() * LabelThresholds.BINS * 2);
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = v.readLong();
                    }
                    m.thresholds().restore(counts);
                }
                default -> throw new IllegalArgumentException("unknown deepmix state entry kind " + kind);
            }
        } catch (final IOException e) {
            throw new IllegalArgumentException("truncated deepmix state entry", e);
        }
    }

    /** One entry per chunk of {@value #DENSE_CHUNK} floats, so no value outgrows a Kafka record (1 MB default). */
    private static void drainDense(final int net, final DenseParams p, final ParameterSink sink) {
        for (int t = 0; t < p.tensorCount(); t++) {
            final int tensor = t;
            for (int c = 0; c * DENSE_CHUNK < p.length(t); c++) {
                final int chunk = c;
                final int from = p.offset(t) + c * DENSE_CHUNK;
                final int to = p.offset(t) + Math.min(p.length(t), (c + 1) * DENSE_CHUNK);
                final byte[] key = bytes(o -> {
                    o.writeByte(DENSE);
                    o.writeByte(net);
                    o.writeInt(tensor);
                    o.writeInt(chunk);
                });
                sink.put(key, bytes(o -> {
                    o.writeLong(p.steps());
                    o.writeInt(p.slots().length);
                    floats(o, java.util.Arrays.copyOfRange(p.master(), from, to));
                    for (final float[] s : p.slots()) {
                        floats(o, java.util.Arrays.copyOfRange(s, from, to));
                    }
                }));
            }
        }
    }

    private static void restoreDense(final DenseParams p, final int tensor, final int chunk, final DataInputStream v)
        throws IOException {
        check(tensor >= 0 && tensor < p.tensorCount(), "dense tensor id", tensor, p.tensorCount());
        final int start = chunk * DENSE_CHUNK;
        check(chunk >= 0 && start < p.length(tensor), "chunk of " + p.name(tensor), chunk, p.length(tensor));
        p.setSteps(v.readLong());
        final int slots = v.readInt();
        check(slots == p.slots().length, "optimiser slots", slots, p.slots().length);
        final float[] values = readFloats(v);
        final int expected = Math.min(DENSE_CHUNK, p.length(tensor) - start);
        check(values.length == expected, "chunk length of " + p.name(tensor), values.length, expected);
        System.arraycopy(values, 0, p.master(), p.offset(tensor) + start, values.length);
        for (final float[] s : p.slots()) {
            System.arraycopy(readFloats(v), 0, s, p.offset(tensor) + start, values.length);
        }
        p.syncFromMaster();
    }

    static void writeEvent(final DataOutputStream o, final Example e) throws IOException {
        o.writeByte(e.task().ordinal());
        o.writeDouble(e.label());
        StateStrings.write(o, e.userId());
        StateStrings.write(o, e.itemId());
        o.writeLong(e.eventTime());
        writeSparse(o, e.categorical());
        writeSparse(o, e.numeric());
    }

    static Example readEvent(final DataInputStream in) throws IOException {
        return new Example(Task.values()[in.readByte()], in.readDouble(), StateStrings.read(in),
            StateStrings.read(in), in.readLong(), readSparse(in), readSparse(in));
    }

    static void writeItem(final DataOutputStream o, final ItemExample item) throws IOException {
        StateStrings.write(o, item.itemId());
        ints(o, item.labels());
        writeSparse(o, item.attributes());
        ints(o, item.titleTokens());
    }

    static ItemExample readItem(final DataInputStream in) throws IOException {
        return new ItemExample(StateStrings.read(in), readInts(in), readSparse(in), readInts(in));
    }

    private static void writeSparse(final DataOutputStream o, final SparseFeatures f) throws IOException {
        o.writeInt(f.size());
        for (int i = 0; i < f.size(); i++) {
            o.writeInt(f.index(i));
            o.writeFloat(f.value(i));
            o.writeInt(f.group(i));
        }
    }

    private static SparseFeatures readSparse(final DataInputStream in) throws IOException {
        final int n = in.readInt();
        final SparseFeatures f = new SparseFeatures(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            f.add(in.readInt(), in.readFloat(), in.readInt());
        }
        return f;
    }

    /** Length, then each float's raw IEEE bits big-endian, written in one block (the dense trunk is large). */
    private static void floats(final DataOutputStream o, final float[] a) throws IOException {
        o.writeInt(a.length);
        final ByteBuffer block = ByteBuffer.allocate(a.length * Float.BYTES); // big-endian, raw bits
        block.asFloatBuffer().put(a);
        o.write(block.array());
    }

    private static float[] readFloats(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        if (length < 0 || length > in.available() / Float.BYTES) {
            throw new EOFException("float array of " + length + " entries overruns the entry");
        }
        final byte[] block = new byte[length * Float.BYTES];
        in.readFully(block);
        final float[] a = new float[length];
        ByteBuffer.wrap(block).asFloatBuffer().get(a);
        return a;
    }

    private static void ints(final DataOutputStream o, final int[] a) throws IOException {
        o.writeInt(a.length);
        for (final int x : a) {
            o.writeInt(x);
        }
    }

    private static int[] readInts(final DataInputStream in) throws IOException {
        final int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static DataInputStream open(final byte[] bytes, final String what) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("deepmix state " + what + " has format version "
                + (bytes.length == 0 ? "<empty>" : Byte.toString(bytes[0])) + "; this reader knows version " + VERSION);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
    }

    private static void check(final boolean ok, final String what, final int got, final int expected) {
        if (!ok) {
            throw new IllegalArgumentException("deepmix state mismatch: " + what + " " + got + " vs " + expected);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(final Writer writer) {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
