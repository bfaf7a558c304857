package dev.streamrec.cli;

import java.util.concurrent.Callable;

import dev.streamrec.bench.RecordedStream;
import dev.streamrec.bench.TowerSpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code streamrec bench towers}: DeepMix's achieved GFLOP/s against ND4J's gemm in the same run. */
@Command(name = "towers", mixinStandardHelpOptions = true,
    description = "GFLOP/s of DeepMix's mini-batch step next to ND4J's own gemm, measured in the same run.")
final class BenchTowersCommand implements Callable<Integer> {
    @Mixin
    BenchStreamOptions stream;

    @Override
    public Integer call() {
        final RecordedStream events = stream.record();
        final var results = TowerSpeed.measure(events.events(), stream.properties(), Math.max(stream.repeats, 1));
        stream.emit(out -> TowerSpeed.print(results, out));
        return 0;
    }
}
