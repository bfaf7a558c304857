package dev.streamrec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.bench.CoreBench;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.features.FeatureConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamrec bench sweep}: how the model core's cost grows with the hashed space ({@code features.hash.bits})
 * and with the number of distinct users and items (a generated stream of the same length per population).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Events/s of the model core against the hash space and against the numbers of users/items.")
final class BenchSweepCommand implements Callable<Integer> {
    @Mixin
    BenchStreamOptions stream;

    @Option(names = "--models", split = " ", description = "Model sets to sweep. Default: lr lcwd.")
    List<String> models = List.of("lr", "lcwd");

    @Option(names = "--hash-bits", split = ",", description = "Hash-space sizes (bits). Default: 16,18,20,22,24.")
    List<Integer> hashBits = List.of(16, 18, 20, 22, 24);

    @Option(names = "--population", split = ",", paramLabel = "USERSxITEMS",
        description = "Generated populations. Default: 1000x500,10000x5000,100000x20000,1000000x100000.")
    List<String> populations = List.of("1000x500", "10000x5000", "100000x20000", "1000000x100000");

    @Override
    public Integer call() {
        final CoreBench bench = new CoreBench(stream.properties(), stream.warmUpEvents, stream.repeats,
            stream.aucWindow());
        final RecordedStream base = stream.record();
        final Progress progress = new Progress(System.out, "bench sweep", "measurements",
            (long) models.size() * (hashBits.size() + populations.size()), stream.progressOptions.live());
        progress.update(0);
        final List<CoreBench.Row> byBits = new ArrayList<>();
        for (final String set : models) {
            for (final int bits : hashBits) {
                final String label = set + ", hash bits " + bits;
                final CoreBench.Row row = bench.measure(label, set, base.events(),
                    Map.of(FeatureConfig.HASH_BITS, Integer.toString(bits)));
                progress.println(String.format("%s: %s events/s", label, row.wall().format()));
                byBits.add(row);
                progress.step();
            }
        }
        final List<CoreBench.Row> byPopulation = new ArrayList<>();
        for (final String population : populations) {
            final String[] ui = population.split("x", 2);
            final int users = Integer.parseInt(ui[0]);
            final int items = Integer.parseInt(ui[1]);
            final RecordedStream generated = RecordedStream.record(
                EventSources.synthetic(users, items, stream.events, stream.seed), stream.events);
            for (final String set : models) {
                final String label = String.format(Locale.ROOT, "%s, %,d users x %,d items", set, users, items);
                final CoreBench.Row row = bench.measure(label, set, generated.events(), Map.of());
                progress.println(String.format("%s: %s events/s", label, row.wall().format()));
                byPopulation.add(row);
                progress.step();
            }
        }
        progress.finish("");
        stream.emit(out -> CoreBench.print("hash space on " + stream.streamName(), byBits, out));
        stream.emit(out -> CoreBench.print(String.format(Locale.ROOT, "population (%,d generated events)",
            stream.events), byPopulation, out));
        return 0;
    }
}
