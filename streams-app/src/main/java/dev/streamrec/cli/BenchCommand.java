package dev.streamrec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code streamrec bench}: throughput and latency measurements. {@code core}, {@code sweep}, {@code towers} and
 * {@code peer-dump} run whole streams through the Kafka-free model core in this process; {@code e2e} runs them
 * through an embedded broker with exactly-once. See BENCHMARKS.md for what each figure includes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure streamrec's throughput and latency (model core in process, or end to end).",
    subcommands = {BenchCoreCommand.class, BenchSweepCommand.class, BenchTowersCommand.class,
        BenchPeerDumpCommand.class, BenchEndToEndCommand.class,
        BenchQueryCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
