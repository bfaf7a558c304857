package dev.streamrec.models.params;

import dev.streamrec.models.TensorSink;
import dev.streamrec.optim.FtrlProximal;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The persisted form of one {@link FtrlProximal} learner: block {@code b} holds the touched coordinates (non-zero z
 * or n) among {@code [b * blockSize, (b + 1) * blockSize)}, as {@code [count int]} then per coordinate
 * {@code [offset in block int][z double][n double]}; a restored block replaces the whole range.
 */
public final class FtrlCoordinates implements Persisted {
    private final FtrlProximal ftrl;

    public FtrlCoordinates(final FtrlProximal ftrl) {
        this.ftrl = ftrl;
    }

    public FtrlProximal ftrl() {
        return ftrl;
    }

    @Override
    public void drain(final Blocks out) {
        final int size = Math.min(ftrl.blockSize(), ftrl.dimension());
        for (int b = 0; b < ftrl.blockCount(); b++) {
            if (!ftrl.takeDirty(b)) {
                continue;
            }
            final int count = ftrl.touchedIn(b);
            if (count == 0) {
                continue; // never touched (n only grows: a touched coordinate stays touched), so nothing is stored
            }
            final int base = b * size;
            out.put(b, o -> {
                o.writeInt(count);
                for (int i = ftrl.nextTouched(base); i >= 0 && i < base + size; i = ftrl.nextTouched(i + 1)) {
                    o.writeInt(i - base);
                    o.writeDouble(ftrl.z(i));
                    o.writeDouble(ftrl.n(i));
                }
            });
        }
    }

    @Override
    public void restore(final int block, final DataInputStream in) throws IOException {
        final int size = Math.min(ftrl.blockSize(), ftrl.dimension());
        StateCodec.check(block >= 0 && block < ftrl.blockCount(), "FTRL block (stored with more hash bits?)", block,
            ftrl.blockCount() - 1);
        final int base = block * size;
        for (int i = base; i < base + size; i++) {
            ftrl.restore(i, 0.0, 0.0);
        }
        final int count = in.readInt();
        StateCodec.check(count >= 0 && count <= size, "coordinates in FTRL block", count, size);
        for (int k = 0; k < count; k++) {
            final int offset = in.readInt();
            StateCodec.check(offset >= 0 && offset < size, "FTRL coordinate offset", offset, size - 1);
            ftrl.restore(base + offset, in.readDouble(), in.readDouble());
        }
    }

    @Override
    public void markAllDirty() {
        ftrl.markAllDirty();
    }

    /**
     * The touched coordinates as three sparse tables {@code <prefix>.w} (the weight, computed from z and n),
     * {@code <prefix>.z} and {@code <prefix>.n}, keyed by hashed index in ascending order.
     */
    public void exportTensors(final TensorSink sink, final String prefix) {
        final long[] keys = new long[Math.toIntExact(ftrl.touchedCount())];
        final double[] w = new double[keys.length];
        final double[] z = new double[keys.length];
        final double[] n = new double[keys.length];
        int k = 0;
        for (int i = ftrl.nextTouched(0); i >= 0 && k < keys.length; i = ftrl.nextTouched(i + 1)) {
            keys[k] = i;
            z[k] = ftrl.z(i);
            n[k] = ftrl.n(i);
            w[k] = ftrl.weight(i);
            k++;
        }
        sink.sparse(prefix + ".w", keys, 1, w);
        sink.sparse(prefix + ".z", keys, 1, z);
        sink.sparse(prefix + ".n", keys, 1, n);
    }
}
