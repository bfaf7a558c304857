package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.StateStrings;
import dev.streamrec.models.params.PendingBatch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The persisted form of a pending {@link ItemExample}: item id ({@link StateStrings}), labels, attributes
 * ({@code [size]} then {@code [index][value float][group]} each), title tokens; int arrays length-prefixed.
 */
final class ItemExampleCodec implements PendingBatch.ItemCodec<ItemExample> {
    @Override
    public void write(final DataOutputStream out, final ItemExample item) throws IOException {
        StateStrings.write(out, item.itemId());
        ints(out, item.labels());
        out.writeInt(item.attributes().size());
        for (int i = 0; i < item.attributes().size(); i++) {
            out.writeInt(item.attributes().index(i));
            out.writeFloat(item.attributes().value(i));
            out.writeInt(item.attributes().group(i));
        }
        ints(out, item.titleTokens());
    }

    @Override
    public ItemExample read(final DataInputStream in) throws IOException {
        final String itemId = StateStrings.read(in);
        final int[] labels = readInts(in);
        final int n = in.readInt();
        if (n < 0 || n > in.available() / 12) {
            throw new IllegalArgumentException("pending item of " + n + " attributes overruns its entry");
        }
        final SparseFeatures attributes = new SparseFeatures(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            attributes.add(in.readInt(), in.readFloat(), in.readInt());
        }
        return new ItemExample(itemId, labels, attributes, readInts(in));
    }

    private static void ints(final DataOutputStream out, final int[] a) throws IOException {
        out.writeInt(a.length);
        for (final int x : a) {
            out.writeInt(x);
        }
    }

    private static int[] readInts(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        if (length < 0 || length > in.available() / 4) {
            throw new IllegalArgumentException("int array of " + length + " entries overruns its entry");
        }
        final int[] a = new int[length];
        for (int i = 0; i < length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
