package dev.streamrec.models.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.optim.Adam;
import dev.streamrec.optim.FtrlProximal;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parts of the parameter layer: each restores bit-identically from its blocks, in any order, under the limit. */
class ModelStateTest {
    private static final Adam ADAM = new Adam(0.01f, 0.9f, 0.999f, 1e-8f);

    /** A store that also records the largest value it was given. */
    private static final class Store implements ParameterSink {
        final StoreSink entries = new StoreSink();
        int largest;

        @Override
        public void put(final byte[] key, final byte[] value) {
            largest = Math.max(largest, value.length);
            entries.put(key, value);
        }

        @Override
        public void delete(final byte[] key) {
            entries.delete(key);
        }
    }

    private static void restore(final Store store, final ModelState state, final long seed) {
        final java.util.List<String> keys = new java.util.ArrayList<>(store.entries.entries.keySet());
        java.util.Collections.shuffle(keys, new java.util.Random(seed));
        for (final String k : keys) {
            state.restore(HexFormat.of().parseHex(k), store.entries.entries.get(k));
        }
    }

    @Test
    void shouldChunkALargeDenseTensorUnderTheValueLimitAndRestoreItExactly() {
        final int n = 300_000; // 3.6 MB with Adam's two moments
        final float[] values = new float[n];
        final float[][] slots = new float[2][n];
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
            slots[0][i] = (float) random.nextGaussian();
            slots[1][i] = (float) random.nextDouble();
        }
        final ModelState state = new ModelState("test");
        state.register("w", new DenseTensor(values, slots));
        final Store store = new Store();
        state.drainChanges(store);
        assertTrue(store.largest <= StateCodec.MAX_VALUE_BYTES, "largest value " + store.largest);
        assertTrue(store.entries.entries.size() > 10, "chunked into " + store.entries.entries.size());
        final float[] back = new float[n];
        final float[][] backSlots = new float[2][n];
        final ModelState fresh = new ModelState("test");
        fresh.register("w", new DenseTensor(back, backSlots));
        restore(store, fresh, 5);
        assertArrayEquals(values, back);
        assertArrayEquals(slots[0], backSlots[0]);
        assertArrayEquals(slots[1], backSlots[1]);
        final Store again = new Store();
        state.drainChanges(again);
        assertEquals(0, again.entries.entries.size(), "nothing changed since the drain");
    }

    @Test
    void shouldRestoreSparseRowsSlotForSlotAndRewriteOnlyChangedBlocks() {
        final SparseRowTable table = new SparseRowTable(16, ADAM);
        final ModelState state = new ModelState("test");
        state.register("rows", table);
        final SplittableRandom random = new SplittableRandom(9);
        final float[] g = new float[16];
        for (int r = 0; r < 5000; r++) {
            final int slot = table.insert(random.nextLong(1L << 40));
            for (int j = 0; j < 16; j++) {
                table.values()[slot * 16 + j] = (float) random.nextGaussian();
                g[j] = (float) random.nextGaussian();
            }
            table.addGradient(slot, 1f, g, 0);
        }
        table.applyGradients();
        final Store store = new Store();
        state.drainChanges(store);
        assertTrue(store.largest <= StateCodec.MAX_VALUE_BYTES, "largest value " + store.largest);
        final int blocks = store.entries.entries.size();
        assertEquals((5000 + table.rowsPerBlock() - 1) / table.rowsPerBlock(), blocks);

        table.step(0, 0.5f); // width 16: only the first element gets a gradient
        final Store changes = new Store();
        state.drainChanges(changes);
        assertEquals(1, changes.entries.entries.size(), "one changed row rewrites its block only");
        changes.entries.entries.forEach(store.entries.entries::put);

        final SparseRowTable back = new SparseRowTable(16, ADAM);
        final ModelState fresh = new ModelState("test");
        fresh.register("rows", back);
        restore(store, fresh, 1);
        assertEquals(table.size(), back.size());
        for (int s = 0; s < table.size(); s++) {
            assertEquals(table.keyAt(s), back.keyAt(s));
            assertEquals(s, back.slot(table.keyAt(s)));
            assertEquals(table.steps(s), back.steps(s));
            for (int j = 0; j < 16; j++) {
                assertEquals(Float.floatToRawIntBits(table.values()[s * 16 + j]),
                    Float.floatToRawIntBits(back.values()[s * 16 + j]));
                assertEquals(Float.floatToRawIntBits(table.slotValue(1, s, j)),
                    Float.floatToRawIntBits(back.slotValue(1, s, j)));
            }
        }
    }

    @Test
    void shouldRefuseToGrowASparseTableRestoredWithABlockMissing() {
        final SparseRowTable table = new SparseRowTable(64, ADAM);
        final ModelState state = new ModelState("test");
        state.register("rows", table);
        for (int r = 0; r < 3 * table.rowsPerBlock(); r++) {
            table.insert(r);
        }
        final Store store = new Store();
        state.drainChanges(store);
        store.entries.entries.remove(HexFormat.of().formatHex(StateCodec.key("rows", 1)));
        final SparseRowTable back = new SparseRowTable(64, ADAM);
        final ModelState fresh = new ModelState("test");
        fresh.register("rows", back);
        restore(store, fresh, 2);
        assertThrows(IllegalStateException.class, () -> back.insert(1L << 50));
    }

    @Test
    void shouldPersistAPendingBatchLargerThanOneValueAndDeleteItsStaleBlocks() {
        final PendingBatch<Example> batch = new PendingBatch<>(4000, PendingBatch.EXAMPLES);
        final ModelState state = new ModelState("test");
        state.register("pending", batch);
        for (int k = 0; k < 3000; k++) {
            final SparseFeatures x = new SparseFeatures(20);
            for (int j = 0; j < 20; j++) {
                x.add(k * 20 + j, 1f / (j + 1), j);
            }
            batch.add(new Example(Task.CLICK, k % 2, "user-" + k, "item-" + k, k, x, new SparseFeatures(1)));
        }
        final Store store = new Store();
        state.drainChanges(store);
        assertTrue(store.entries.entries.size() > 1 && store.largest <= StateCodec.MAX_VALUE_BYTES,
            store.entries.entries.size() + " blocks, largest " + store.largest);
        final PendingBatch<Example> back = new PendingBatch<>(4000, PendingBatch.EXAMPLES);
        final ModelState fresh = new ModelState("test");
        fresh.register("pending", back);
        restore(store, fresh, 4);
        assertEquals(batch.items(), back.items());

        batch.clear();
        state.drainChanges(store.entries);
        assertEquals(1, store.entries.entries.size(), "blocks past the emptied batch are deleted");
    }

    @Test
    void shouldFailLoudlyWhenAPendingBatchIsUsedWithBlocksMissing() {
        final PendingBatch<Example> batch = new PendingBatch<>(4000, PendingBatch.EXAMPLES);
        final ModelState state = new ModelState("test");
        state.register("pending", batch);
        for (int k = 0; k < 2000; k++) {
            final SparseFeatures x = new SparseFeatures(40);
            for (int j = 0; j < 40; j++) {
                x.add(j, 1f, j);
            }
            batch.add(new Example(Task.RATING, 3, "u", "i", k, x, new SparseFeatures(1)));
        }
        final Store store = new Store();
        state.drainChanges(store);
        store.entries.entries.remove(HexFormat.of().formatHex(StateCodec.key("pending", 0)));
        final PendingBatch<Example> back = new PendingBatch<>(4000, PendingBatch.EXAMPLES);
        final ModelState fresh = new ModelState("test");
        fresh.register("pending", back);
        restore(store, fresh, 4);
        assertThrows(IllegalStateException.class, back::size);
    }

    @Test
    void shouldReplaceAWholeFtrlBlockOnRestore() {
        final FtrlProximal ftrl = new FtrlProximal(0.1, 1.0, 0.0, 1.0, 14);
        final FtrlCoordinates coordinates = new FtrlCoordinates(ftrl);
        final ModelState state = new ModelState("test");
        state.register("ftrl", coordinates);
        final SparseFeatures x = new SparseFeatures(2);
        x.add(5, 1f, 0);
        x.add(3000, 1f, 1);
        ftrl.update(x, 0.5);
        final Store store = new Store();
        state.drainChanges(store);
        assertEquals(2, store.entries.entries.size(), "two blocks of 1024 coordinates touched");
        final FtrlProximal other = new FtrlProximal(0.1, 1.0, 0.0, 1.0, 14);
        final SparseFeatures y = new SparseFeatures(1);
        y.add(6, 1f, 0);
        other.update(y, 1.0); // coordinate 6 is not in the stored block 0: the restore clears it
        final ModelState fresh = new ModelState("test");
        fresh.register("ftrl", new FtrlCoordinates(other));
        restore(store, fresh, 0);
        assertEquals(0.0, other.z(6));
        assertEquals(ftrl.touchedCount(), other.touchedCount());
        assertEquals(Double.doubleToRawLongBits(ftrl.weight(3000)), Double.doubleToRawLongBits(other.weight(3000)));
    }

    @Test
    void shouldRejectOtherFormatVersionsNamingBothAndUnknownParts() {
        final ModelState state = new ModelState("test");
        final long[] counter = {0};
        state.register("meta", Persisted.single(out -> out.writeLong(counter[0]), in -> counter[0] = in.readLong()));
        final byte[] value = StateCodec.bytes(out -> out.writeLong(7));
        state.restore(StateCodec.key("meta", 0), value);
        assertEquals(7, counter[0]);
        final byte[] old = value.clone();
        old[0] = 1;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> state.restore(StateCodec.key("meta", 0), old));
        assertTrue(e.getMessage().contains("version 1") && e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> state.restore(StateCodec.key("other", 0), value));
        assertThrows(IllegalArgumentException.class,
            () -> state.restore(StateCodec.key("meta", 0), StateCodec.bytes(out -> out.writeInt(1))));
        assertEquals(new StateCodec.Key("a.b", 42), StateCodec.readKey(StateCodec.key("a.b", 42)));
    }
}
