package dev.streamrec.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.streamrec.bench.BenchEvent;
import dev.streamrec.bench.CoreBench;
import dev.streamrec.bench.ModelCoreRun;
import dev.streamrec.bench.PeerDump;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.models.lr.LogisticRegressionModel;
import dev.streamrec.schema.EventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec bench peer-dump}: measures LR alone on the stream's click events (events/s, prequential AUC over
 * every click) and writes, for a peer learner, each click's label, LR's prequential score and LR's exact hashed
 * input ({@link PeerDump}), plus the measurements ({@code streamrec.properties}). {@code ops/bench/peer.sh} then
 * runs scikit-learn on the same file and prints the ratio.
 */
@Command(name = "peer-dump", mixinStandardHelpOptions = true,
    description = "Measure LR on the click events and dump them (label, LR score, hashed features) for a peer.")
final class BenchPeerDumpCommand implements Callable<Integer> {
    @Mixin
    BenchStreamOptions stream;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Directory for clicks.tsv and streamrec.properties.")
    Path out;

    @Override
    public Integer call() throws IOException {
        final RecordedStream recorded = stream.record();
        final List<BenchEvent> clicks = recorded.events().stream()
            .filter(e -> e.type() == EventType.IMPRESSION).toList();
        // AUC over every click, as the peer computes it
        final CoreBench bench = new CoreBench(stream.properties(), stream.warmUpEvents, stream.repeats,
            Math.max(1, clicks.size()));
        final CoreBench.Row row = bench.measure("lr", LogisticRegressionModel.NAME, clicks, Map.of());
        Files.createDirectories(out);
        final ModelCoreRun run = new ModelCoreRun(List.of(LogisticRegressionModel.NAME), stream.properties(), 1);
        try (Writer writer = Files.newBufferedWriter(out.resolve("clicks.tsv"), StandardCharsets.UTF_8);
             PeerDump dump = new PeerDump(writer, 0)) {
            run.run(clicks, dump);
        }
        final Properties props = new Properties();
        props.setProperty("stream", stream.streamName());
        props.setProperty("events", Long.toString(row.events()));
        props.setProperty("hash.bits", Integer.toString(run.features().hashBits()));
        props.setProperty("events.per.second.median", fmt(row.wall().median()));
        props.setProperty("events.per.second.min", fmt(row.wall().min()));
        props.setProperty("events.per.second.max", fmt(row.wall().max()));
        props.setProperty("events.per.cpu.second.median", fmt(row.cpu().median()));
        props.setProperty("repeats", Integer.toString(row.wall().count()));
        props.setProperty("auc", fmt(row.last().metrics().get(0).auc()));
        props.setProperty("log.loss", fmt(row.last().metrics().get(0).logLoss()));
        try (Writer writer = Files.newBufferedWriter(out.resolve("streamrec.properties"), StandardCharsets.UTF_8)) {
            props.store(writer, "streamrec bench peer-dump");
        }
        System.out.printf(Locale.ROOT, "lr on %,d clicks: %s events/s, AUC %.4f; dump in %s%n", row.events(),
            row.wall().format(), row.last().metrics().get(0).auc(), out);
        return 0;
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
