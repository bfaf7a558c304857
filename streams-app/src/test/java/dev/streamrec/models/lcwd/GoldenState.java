package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import dev.streamrec.features.Example;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A golden state file: every entry a small model drained (format version {@link dev.streamrec.models.params.StateCodec#FORMAT_VERSION}),
 * followed by that model's predictions on fixed probe events. Regenerate only when the format version changes (and
 * keep the old file for the old version's test):
 * {@code java -cp streams-app/target/test-classes:streams-app/target/classes:<test classpath>
 * dev.streamrec.models.lcwd.GoldenState streams-app/src/test/resources/lcwd/golden-state-v2.bin}
 */
record GoldenState(Map<byte[], byte[]> entries, double[] probePredictions) {
    static final int EVENTS = 30;
    static final int PROBES = 8;

    static LcwdConfig config() {
        return new LcwdConfig(10, 4, List.of(6, 4), Activation.RELU, "adam", 0.01f, 0.1, 1.0, 0.01, 1.0, 8, 5L, 1.0,
            3.5, 1.0, 5.0);
    }

    static SyntheticStream stream() {
        return new SyntheticStream(21L, 12, 12, 4, 10, 0.3);
    }

    static List<Example> probes() {
        final SyntheticStream source = new SyntheticStream(99L, 12, 12, 4, 10, 0.5);
        final List<Example> probes = new ArrayList<>();
        for (int k = 0; k < PROBES; k++) {
            probes.add(source.next());
        }
        return probes;
    }

    static GoldenState generate() {
        final LcwdModel model = new LcwdModel(config(), SyntheticStream::linearWeight);
        final MapSink store = new MapSink();
        final SyntheticStream source = stream();
        for (int k = 0; k < EVENTS; k++) {
            model.learn(source.next());
            model.drainChanges(store);
        }
        final List<Example> probes = probes();
        final double[] predictions = new double[probes.size()];
        for (int k = 0; k < predictions.length; k++) {
            predictions[k] = model.predict(probes.get(k));
        }
        return new GoldenState(new LinkedHashMap<>(store.entries), predictions);
    }

    void write(final OutputStream out) throws IOException {
        final DataOutputStream data = new DataOutputStream(out);
        data.writeInt(entries.size());
        for (final Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            data.writeInt(e.getKey().length);
            data.write(e.getKey());
            data.writeInt(e.getValue().length);
            data.write(e.getValue());
        }
        data.writeInt(probePredictions.length);
        for (final double p : probePredictions) {
            data.writeDouble(p);
        }
        data.flush();
    }

    static GoldenState read(final InputStream in) throws IOException {
        final DataInputStream data = new DataInputStream(in);
        final Map<byte[], byte[]> entries = new LinkedHashMap<>();
        final int count = data.readInt();
        for (int k = 0; k < count; k++) {
            final byte[] key = data.readNBytes(data.readInt());
            entries.put(key, data.readNBytes(data.readInt()));
        }
        final double[] predictions = new double[data.readInt()];
        for (int k = 0; k < predictions.length; k++) {
            predictions[k] = data.readDouble();
        }
        return new GoldenState(entries, predictions);
    }

    public static void main(final String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            generate().write(out);
        }
    }
}
