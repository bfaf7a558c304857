package dev.streamrec.snapshot;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a snapshot says about itself besides its payload.
 *
 * @param model          model name ({@code lr}, {@code lcwd}, {@code deepmix})
 * @param modelType      the model's implementation class
 * @param version        events the model had learned
 * @param task           stream task id, e.g. {@code 0_1}
 * @param partition      the task's input partition
 * @param streamTime     the task's stream time (largest event time processed), epoch millis
 * @param inputPositions offset of the last processed record per input topic-partition
 * @param config         the model-relevant configuration (see {@link ModelConfiguration})
 * @param metrics        prequential metrics at this point
 * @param parameterCount parameters the model holds
 */
public record SnapshotHeader(String model, String modelType, long version, String task, int partition,
                             long streamTime, Map<String, Long> inputPositions, Map<String, String> config,
                             Map<String, Double> metrics, long parameterCount) {
    public SnapshotHeader {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(task, "task");
        inputPositions = new TreeMap<>(inputPositions);
        config = new TreeMap<>(config);
        metrics = new TreeMap<>(metrics);
    }

    /** The id naming a snapshot's chunks: {@code <model>/<task>/<version>}. */
    public String snapshotId() {
        return model + "/" + task + "/" + version;
    }
}
