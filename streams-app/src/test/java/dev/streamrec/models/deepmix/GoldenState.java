package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code src/test/resources/deepmix/state-v2.bin}: the config, the drained state of a small model (mid-batch,
 * so pending entries are included), its version and its predictions on fixed probes. Run once per format version:
 * {@code java -cp <test classpath> dev.streamrec.models.deepmix.GoldenState streams-app/src/test/resources/deepmix}.
 */
final class GoldenState {
    private GoldenState() {
    }

    static double[] probes(final DeepMixModel model) {
        final List<Example> probes = new SyntheticStream(99).next(6, 0.5);
        final double[] out = new double[probes.size() + 3];
        for (int i = 0; i < probes.size(); i++) {
            out[i] = model.predict(probes.get(i));
        }
        final double[] genres = model.predictGenres(SyntheticStream.item(4));
        System.arraycopy(genres, 0, out, probes.size(), 3);
        return out;
    }

    public static void main(final String[] args) throws IOException {
        final DeepMixConfig config = SyntheticStream.smallConfig().with("deepmix.batch.size", "16")
            .with("deepmix.item.batch.size", "4")
            .with("deepmix.embedding.dim", "4").with("deepmix.dnn.hidden", "8,4").with("deepmix.cross.experts", "2")
            .with("deepmix.cross.rank", "3");
        final DeepMixModel model = new DeepMixModel(config);
        final List<Example> events = new SyntheticStream(31).next(45, 0.5);
        DeepMixPersistenceTest.learn(model, events, 0, events.size(), new MapSink(), null);
        final MapSink store = new MapSink();
        model.snapshot(store);
        final StringWriter props = new StringWriter();
        config.toProperties().store(props, null);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0], "state-v2.bin")))) {
            out.writeUTF(props.toString().replaceAll("(?m)^#.*\\R", ""));
            out.writeInt(store.entries.size());
            for (final Map.Entry<String, byte[]> e : store.entries.entrySet()) {
                final byte[] key = HexFormat.of().parseHex(e.getKey());
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.writeLong(model.version());
            for (final double p : probes(model)) {
                out.writeDouble(p);
            }
        }
    }
}
