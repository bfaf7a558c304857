package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.runtime.SnapshotTopicReader;
import dev.streamrec.snapshot.Snapshot;
import dev.streamrec.snapshot.SnapshotAssembler;
import dev.streamrec.snapshot.SnapshotExporter;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec export}: reads the latest (or a chosen version's) snapshots from the snapshot topic and writes
 * each as {@code OUT/<model>/<task>/} with {@code manifest.json}, one {@code .npy} per tensor and {@code state.bin}
 * (what {@code streamrec.warm.start.dir=OUT} starts from).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export model snapshots from the snapshot topic as NumPy files.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path out;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model (repeatable). Default: all.")
    List<String> models = new ArrayList<>();

    @Option(names = "--task", paramLabel = "TASK", description = "Only this stream task, e.g. 0_1. Default: all.")
    String task;

    @Option(names = "--version", defaultValue = "-1",
        description = "Export the snapshots of this model version (events learned) instead of the latest.")
    long version;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Override
    public Integer call() throws IOException {
        final StreamrecConfig config = new StreamrecConfig(connection.properties());
        final TopicSerdes serdes = new TopicSerdes(HttpSchemaRegistryClient.fromConfigs(config.originalsStrings()));
        final int exported = export(config, serdes, out, models, task, version, System.out, progressOptions.live());
        return exported > 0 ? 0 : 1;
    }

    /**
     * Exports the selected snapshots under {@code out}, printing one line each; returns how many it wrote.
     *
     * @param live whether to redraw a progress line while the snapshot topic is read
     */
    static int export(final StreamrecConfig config, final TopicSerdes serdes, final Path out,
                      final List<String> models, final String task, final long version, final PrintStream print,
                      final boolean live)
        throws IOException {
        final long started = System.nanoTime();
        final SnapshotAssembler assembler = new SnapshotAssembler(version);
        final Progress reading = new Progress(print, "read " + config.topics().snapshots(), "offsets", 0, live);
        final long records = new SnapshotTopicReader(config.clientProperties(), serdes)
            .readAll(config.topics().snapshots(), assembler, Duration.ofMinutes(10), reading::total, reading::update);
        reading.finish(records + " records");
        assembler.incomplete().forEach(reason -> print.println("incomplete snapshot skipped: " + reason));
        int exported = 0;
        for (final Snapshot snapshot : assembler.snapshots()) {
            if ((!models.isEmpty() && !models.contains(snapshot.model()))
                || (task != null && !task.equals(snapshot.task()))) {
                continue;
            }
            final long t0 = System.nanoTime();
            final Path dir = out.resolve(snapshot.model()).resolve(snapshot.task());
            final int tensors = SnapshotExporter.export(snapshot, dir);
            print.printf("%-8s task %-5s version %8d: %,12d bytes in %4d chunks, %,10d parameters, %3d tensors, "
                    + "exported in %d ms%n", snapshot.model(), snapshot.task(), snapshot.version(),
                snapshot.manifest().getPayloadBytes(), snapshot.manifest().getChunkCount(),
                snapshot.manifest().getParameterCount(), tensors, (System.nanoTime() - t0) / 1_000_000);
            exported++;
        }
        print.printf("exported %d snapshot(s) to %s in %d ms%n", exported, out,
            (System.nanoTime() - started) / 1_000_000);
        return exported;
    }
}
