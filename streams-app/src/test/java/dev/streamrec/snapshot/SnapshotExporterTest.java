package dev.streamrec.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export of every model: the NumPy files hold exactly the model's tensors (checked in Java, and with NumPy when
 * {@code /usr/bin/python3} has it), and the exported state restores a model that goes on bit-identically.
 */
class SnapshotExporterTest {
    private static final Map<String, String> CONFIG = Map.of("streamrec.models", "lr,lcwd,deepmix",
        "lcwd.batch.size", "8", "deepmix.batch.size", "8", "streamrec.rating.min", "1.0",
        "streamrec.rating.max", "5.0");

    @TempDir
    Path dir;

    /** A map-backed store, as the changelogged store holds the drained entries. */
    static final class MapStore implements ParameterSink {
        final Map<String, StateEntry> entries = new TreeMap<>();

        @Override
        public void put(final byte[] key, final byte[] value) {
            entries.put(java.util.HexFormat.of().formatHex(key), new StateEntry(key, value));
        }

        @Override
        public void delete(final byte[] key) {
            entries.remove(java.util.HexFormat.of().formatHex(key));
        }
    }

    private static List<OnlineModel> models() {
        return new ModelFactory(List.of("lr", "lcwd", "deepmix"), CONFIG, FeatureConfig.defaults(),
            ValidationConfig.defaults()).get();
    }

    /** Learns (or, for {@code predictions != null}, predicts then learns) examples [from, to) of a seeded stream. */
    private static void run(final List<OnlineModel> models, final List<MapStore> stores, final int from, final int to,
                            final List<Double> predictions) {
        final ExampleFactory factory = new ExampleFactory(FeatureConfig.defaults());
        final SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < to; t++) {
            final String user = "u" + random.nextInt(20);
            final String item = "i" + random.nextInt(15);
            final boolean rating = random.nextBoolean();
            final double label = rating ? 1 + random.nextInt(5) : random.nextInt(2);
            if (t < from) {
                continue;
            }
            final UserProfile profile = new UserProfile(user, new Attributes(new HashMap<>(Map.of("occupation",
                List.of("o" + user.length()))), new HashMap<>(Map.of("age", 30.0))), null, Instant.EPOCH);
            final ItemProfile itemProfile = new ItemProfile(item, new Attributes(new HashMap<>(Map.of("genre",
                List.of("g" + item.hashCode() % 3))), new HashMap<>()), "t", Instant.EPOCH);
            final long time = 1_000_000L + t;
            assertTrue(factory.featurize(user, item, time, null, profile, itemProfile).fits());
            final Example example = factory.example(rating ? EventType.RATING : EventType.IMPRESSION, label, user,
                item, time);
            for (int m = 0; m < models.size(); m++) {
                if (predictions != null) {
                    predictions.add(models.get(m).predict(example));
                }
                models.get(m).learn(example);
                models.get(m).drainChanges(stores.get(m));
            }
        }
    }

    private static Snapshot snapshotOf(final OnlineModel model, final MapStore store) {
        final SnapshotHeader header = new SnapshotHeader(model.name(), model.getClass().getName(), model.version(),
            "0_0", 0, 1_000_000L, Map.of(), CONFIG, Map.of(), model.parameterCount());
        final SnapshotAssembler assembler = new SnapshotAssembler();
        new SnapshotEncoder(4096).encode(header, new ArrayList<>(store.entries.values()))
            .forEach(r -> assembler.accept(r.value()));
        return assembler.snapshot(model.name(), "0_0").orElseThrow();
    }

    private record Tensor(int[] shape, long[] keys, double[] values) { }

    private static Map<String, Tensor> tensors(final OnlineModel model) {
        final Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.exportTensors(new TensorSink() {
            @Override
            public void dense(final String name, final int[] shape, final double[] values) {
                tensors.put(name, new Tensor(shape, null, values));
            }

            @Override
            public void sparse(final String name, final long[] keys, final int width, final double[] values) {
                tensors.put(name, new Tensor(width == 1 ? new int[] {keys.length} : new int[] {keys.length, width},
                    keys, values));
            }
        });
        return tensors;
    }

    @Test
    void shouldWriteEveryTensorAsNumPyFilesHoldingExactlyTheModelsValues() throws Exception {
        final List<OnlineModel> models = models();
        final List<MapStore> stores = List.of(new MapStore(), new MapStore(), new MapStore());
        run(models, stores, 0, 60, null);
        final ObjectMapper json = new ObjectMapper();
        for (int m = 0; m < models.size(); m++) {
            final OnlineModel model = models.get(m);
            final Path out = dir.resolve(model.name()).resolve("0_0");
            final int count = SnapshotExporter.export(snapshotOf(model, stores.get(m)), out);
            final Map<String, Tensor> expected = tensors(model);
            assertEquals(expected.size(), count);
            assertFalse(expected.isEmpty());
            final JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
            assertEquals(model.version(), manifest.get("version").asLong());
            assertEquals(expected.size(), manifest.get("tensors").size());
            for (final JsonNode tensor : manifest.get("tensors")) {
                final Tensor want = expected.get(tensor.get("name").asText());
                if (tensor.get("kind").asText().equals("dense")) {
                    final NpyFiles.Array array = NpyFiles.read(out.resolve(tensor.get("file").asText()));
                    assertArrayEquals(want.shape(), array.shape());
                    assertArrayEquals(want.values(), array.doubles(), 0.0, tensor.get("name").asText());
                } else {
                    assertArrayEquals(want.keys(), NpyFiles.read(out.resolve(tensor.get("keys").asText())).longs());
                    final NpyFiles.Array values = NpyFiles.read(out.resolve(tensor.get("values").asText()));
                    assertArrayEquals(want.shape(), values.shape());
                    assertArrayEquals(want.values(), values.doubles(), 0.0, tensor.get("name").asText());
                }
            }
            checkWithNumPy(out, expected);
        }
    }

    /** NumPy loads every file with the right shape, and the float64 bits of every value match (as hex strings). */
    private static void checkWithNumPy(final Path out, final Map<String, Tensor> expected) throws Exception {
        final Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        final String script = String.join("\n",
            "import json, sys",
            "try:",
            "    import numpy as np",
            "except ImportError:",
            "    print('NO NUMPY'); sys.exit(0)",
            "d = sys.argv[1]",
            "m = json.load(open(d + '/manifest.json'))",
            "for t in m['tensors']:",
            "    v = np.load(d + '/' + (t['file'] if t['kind'] == 'dense' else t['values']))",
            "    assert v.dtype == np.float64",
            "    k = np.load(d + '/' + t['keys']).tolist() if t['kind'] == 'sparse' else []",
            "    print(t['name'], list(v.shape), k, [float(x).hex() for x in v.ravel()])");
        final Process process = new ProcessBuilder(python.toString(), "-c", script, out.toString())
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        Assumptions.assumeFalse(output.startsWith("NO NUMPY"), "numpy not installed");
        final String[] lines = output.split("\n");
        assertEquals(expected.size(), lines.length);
        for (final String line : lines) {
            final String name = line.substring(0, line.indexOf(' '));
            final Tensor want = expected.get(name);
            final StringBuilder hex = new StringBuilder("[");
            for (int i = 0; i < want.values().length; i++) {
                hex.append(i == 0 ? "" : ", ").append('\'').append(pythonHex(want.values()[i])).append('\'');
            }
            hex.append(']');
            final String shape = java.util.Arrays.toString(want.shape());
            final String keys = want.keys() == null ? "[]" : java.util.Arrays.toString(want.keys());
            assertEquals(name + " " + shape + " " + keys + " " + hex, line, name);
        }
    }

    /** Python's float.hex(): {@code 0x1.8000000000000p+1}, {@code 0x0.0p+0}, {@code -0x1.0000000000000p-2}. */
    static String pythonHex(final double value) {
        if (value == 0.0) {
            return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + "0x0.0p+0";
        }
        final long bits = Double.doubleToRawLongBits(value);
        final String sign = bits < 0 ? "-" : "";
        final int exponent = (int) ((bits >>> 52) & 0x7FF);
        final long mantissa = bits & 0xFFFFFFFFFFFFFL;
        final String digits = String.format("%013x", mantissa);
        if (exponent == 0) {
            return sign + "0x0." + digits + "p-1022";
        }
        final int e = exponent - 1023;
        return sign + "0x1." + digits + "p" + (e >= 0 ? "+" : "") + e;
    }

    @Test
    void shouldRestoreAnExportedStateThatContinuesBitIdentically() throws IOException {
        final List<OnlineModel> original = models();
        final List<MapStore> stores = List.of(new MapStore(), new MapStore(), new MapStore());
        run(original, stores, 0, 45, null);
        for (int m = 0; m < original.size(); m++) {
            SnapshotExporter.export(snapshotOf(original.get(m), stores.get(m)),
                dir.resolve(original.get(m).name()).resolve("0_0"));
        }
        final Map<String, List<StateEntry>> states = SnapshotExporter.readStates(dir);
        assertEquals(List.of("deepmix/0_0", "lcwd/0_0", "lr/0_0"), List.copyOf(states.keySet()));
        final List<OnlineModel> warm = models();
        for (final OnlineModel model : warm) {
            for (final StateEntry entry : states.get(model.name() + "/0_0")) {
                model.restore(entry.key(), entry.value());
            }
        }
        final List<Double> expected = new ArrayList<>();
        final List<Double> actual = new ArrayList<>();
        run(original, stores, 45, 120, expected);
        run(warm, List.of(new MapStore(), new MapStore(), new MapStore()), 45, 120, actual);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.get(i)), Double.doubleToRawLongBits(actual.get(i)),
                "prediction " + i);
        }
    }
}
