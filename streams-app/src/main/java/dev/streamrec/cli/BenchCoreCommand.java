package dev.streamrec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.bench.CoreBench;
import dev.streamrec.bench.RecordedStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code streamrec bench core}: events/s of each model set over one stream, in process. */
@Command(name = "core", mixinStandardHelpOptions = true,
    description = "Events/s of the model core (featurize, score, learn, encode state) per model set, in process.")
final class BenchCoreCommand implements Callable<Integer> {
    @Mixin
    BenchStreamOptions stream;

    @Option(names = "--models", split = " ",
        description = "Model sets to measure, each 'all' or a comma-separated list. Default: lr lcwd deepmix all.")
    List<String> models = List.of("lr", "lcwd", "deepmix", "all");

    @Override
    public Integer call() {
        final RecordedStream events = stream.record();
        final CoreBench bench = new CoreBench(stream.properties(), stream.warmUpEvents, stream.repeats,
            stream.aucWindow());
        final List<CoreBench.Row> rows = new ArrayList<>();
        final Progress progress = new Progress(System.out, "bench core", "model sets", models.size(),
            stream.progressOptions.live());
        progress.update(0);
        for (final String set : models) {
            final CoreBench.Row row = bench.measure(set, set, events.events(), Map.of());
            progress.println(String.format("%s: %s events/s", set, row.wall().format()));
            rows.add(row);
            progress.step();
        }
        progress.finish("");
        stream.emit(out -> CoreBench.print("models on " + stream.streamName(), rows, out));
        return 0;
    }
}
