package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NpyReaderTest {
    private static final double[][] VALUES = {{1.5, -2.25, 3}, {0.125, 1e-3, -7}};

    /** A .npy file per the NumPy format spec, version 1.0, little-endian. */
    static void write(final Path file, final double[][] values, final boolean float64) throws IOException {
        String header = "{'descr': '<f" + (float64 ? 8 : 4) + "', 'fortran_order': False, 'shape': ("
            + values.length + ", " + values[0].length + "), }";
        final int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        final ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + values.length * values[0].length * 8)
            .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (final double[] row : values) {
            for (final double v : row) {
                if (float64) {
                    buf.putDouble(v);
                } else {
                    buf.putFloat((float) v);
                }
            }
        }
        Files.write(file, java.util.Arrays.copyOf(buf.array(), buf.position()));
    }

    @Test
    void shouldReadFloat32AndFloat64Version1Files(@TempDir final Path dir) throws IOException {
        for (final boolean float64 : new boolean[] {false, true}) {
            final Path file = dir.resolve("v" + float64 + ".npy");
            write(file, VALUES, float64);
            assertEquals(0, (Files.size(file) - VALUES.length * VALUES[0].length * (float64 ? 8 : 4)) % 64);
            final NpyReader.Matrix m = NpyReader.read(file);
            assertEquals(2, m.rows());
            assertEquals(3, m.cols());
            assertArrayEquals(new float[] {1.5f, -2.25f, 3f, 0.125f, 1e-3f, -7f}, m.data());
        }
    }

    @Test
    void shouldRejectFilesThatAreNotTwoDimensionalFloatArrays(@TempDir final Path dir) throws IOException {
        final Path bad = dir.resolve("bad.npy");
        Files.write(bad, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> NpyReader.read(bad));
        final Path ints = dir.resolve("ints.npy");
        write(ints, VALUES, true);
        final byte[] bytes = Files.readAllBytes(ints);
        final String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f8", "<i8");
        Files.write(ints, text.getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(IOException.class, () -> NpyReader.read(ints));
    }

    @Test
    void shouldFeedItemVectorsIntoTheModelWithZerosForMissingItems(@TempDir final Path dir) throws IOException {
        final Path npy = dir.resolve("items.npy");
        final Path ids = dir.resolve("items.txt");
        write(npy, VALUES, false);
        Files.write(ids, List.of("i1", "i2"));
        final ItemVectors vectors = ItemVectors.load(npy, ids);
        final float[] out = new float[4];
        vectors.copy("i2", out, 1);
        assertArrayEquals(new float[] {0f, 0.125f, 1e-3f, -7f}, out);
        final float[] missing = new float[3];
        vectors.copy("nope", missing, 0);
        assertArrayEquals(new float[3], missing);

        final DeepMixConfig config = SyntheticStream.smallConfig().with("deepmix.item.vectors.npy", npy.toString(),
            "deepmix.item.vectors.ids", ids.toString());
        final DeepMixModel model = new DeepMixModel(config);
        final DeepMixModel without = new DeepMixModel(SyntheticStream.smallConfig());
        final Example e = new Example(Task.CLICK, 1, "u", "i1", 0, new SparseFeatures(1), new SparseFeatures(1));
        assertNotEquals(without.trunk().params().size(), model.trunk().params().size());
        assertEquals(model.predict(e), model.predict(e));
    }
}
