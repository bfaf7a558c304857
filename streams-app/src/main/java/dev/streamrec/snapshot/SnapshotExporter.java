package dev.streamrec.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.TensorSink;
import dev.streamrec.schema.SnapshotManifest;

/**
 * Writes a snapshot as a directory a data scientist can open: {@code manifest.json} (everything the manifest says,
 * plus the list of tensors), one NumPy file per dense tensor ({@code <name>.npy}, float64), two per sparse table
 * ({@code <name>.keys.npy} int64 and {@code <name>.values.npy} float64, one row per key), and {@code state.bin}, the
 * snapshot payload itself: the exact persisted state a warm start restores (tensors are a view; optimiser counters
 * and pending mini-batches live only in the state).
 *
 * <p>The tensors come from a model of the snapshot's type and configuration with the snapshot's state restored.
 */
public final class SnapshotExporter {
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String STATE_FILE = "state.bin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotExporter() {
    }

    /** Exports {@code snapshot} into {@code dir} (created if missing); returns the number of tensors written. */
    public static int export(final Snapshot snapshot, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final OnlineModel model = restoredModel(snapshot);
        final List<Map<String, Object>> tensors = new ArrayList<>();
        final List<IOException> failures = new ArrayList<>();
        model.exportTensors(new TensorSink() {
            @Override
            public void dense(final String name, final int[] shape, final double[] values) {
                final String file = name + ".npy";
                write(() -> NpyWriter.writeDoubles(dir.resolve(file), shape, values));
                tensors.add(describe(name, "dense", shape, Map.of("file", file)));
            }

            @Override
            public void sparse(final String name, final long[] keys, final int width, final double[] values) {
                final String keysFile = name + ".keys.npy";
                final String valuesFile = name + ".values.npy";
                final int[] shape = width == 1 ? new int[] {keys.length} : new int[] {keys.length, width};
                write(() -> NpyWriter.writeLongs(dir.resolve(keysFile), new int[] {keys.length}, keys));
                write(() -> NpyWriter.writeDoubles(dir.resolve(valuesFile), shape, values));
                tensors.add(describe(name, "sparse", shape, Map.of("keys", keysFile, "values", valuesFile)));
            }

            private void write(final NpyWrite write) {
                try {
                    write.run();
                } catch (final IOException e) {
                    failures.add(e);
                }
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Files.write(dir.resolve(STATE_FILE), snapshot.payload());
        final Map<String, Object> manifest = manifestJson(snapshot.manifest());
        manifest.put("stateFile", STATE_FILE);
        manifest.put("tensors", tensors);
        JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), manifest);
        return tensors.size();
    }

    /**
     * The persisted states of every snapshot exported under {@code root} (layout {@code <model>/<task>/}), keyed
     * {@code <model>/<task>}, each checked against its manifest's SHA-256.
     */
    public static Map<String, List<StateEntry>> readStates(final Path root) throws IOException {
        final Map<String, List<StateEntry>> states = new TreeMap<>();
        try (Stream<Path> manifests = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals(MANIFEST_FILE))) {
            for (final Path manifestFile : manifests.sorted().toList()) {
                final JsonNode manifest = JSON.readTree(manifestFile.toFile());
                final byte[] payload = Files.readAllBytes(manifestFile.resolveSibling(STATE_FILE));
                if (!ModelConfiguration.sha256(payload).equals(manifest.get("sha256").asText())) {
                    throw new IOException(manifestFile.resolveSibling(STATE_FILE) + " does not match the SHA-256 of "
                        + manifestFile);
                }
                states.put(manifest.get("model").asText() + "/" + manifest.get("task").asText(),
                    SnapshotPayload.decode(payload));
            }
        }
        return states;
    }

    /** A model of the snapshot's type and configuration, its state restored from the snapshot. */
    static OnlineModel restoredModel(final Snapshot snapshot) {
        final OnlineModel model = ModelConfiguration.modelFactory(snapshot.manifest().getConfig(),
            List.of(snapshot.model())).get().get(0);
        for (final StateEntry entry : snapshot.entries()) {
            model.restore(entry.key(), entry.value());
        }
        return model;
    }

    private static Map<String, Object> describe(final String name, final String kind, final int[] shape,
                                                final Map<String, String> files) {
        final Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("kind", kind);
        tensor.put("shape", shape);
        tensor.putAll(new TreeMap<>(files));
        return tensor;
    }

    private static Map<String, Object> manifestJson(final SnapshotManifest m) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("snapshotId", m.getSnapshotId());
        json.put("formatVersion", m.getFormatVersion());
        json.put("model", m.getModel());
        json.put("modelType", m.getModelType());
        json.put("version", m.getVersion());
        json.put("task", m.getTask());
        json.put("partition", m.getPartition());
        json.put("streamTime", m.getStreamTime().toString());
        json.put("streamTimeMillis", m.getStreamTime().toEpochMilli());
        json.put("inputPositions", new TreeMap<>(m.getInputPositions()));
        json.put("config", new TreeMap<>(m.getConfig()));
        json.put("configHash", m.getConfigHash());
        json.put("metrics", new TreeMap<>(m.getMetrics()));
        json.put("parameterCount", m.getParameterCount());
        json.put("stateEntries", m.getStateEntries());
        json.put("payloadBytes", m.getPayloadBytes());
        json.put("chunkCount", m.getChunkCount());
        json.put("sha256", m.getSha256());
        return json;
    }

    @FunctionalInterface
    private interface NpyWrite {
        void run() throws IOException;
    }
}
