package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import dev.streamrec.bench.RecordedStream;
import dev.streamrec.events.EventSource;
import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The stream, repetition and output options every {@code bench} subcommand shares. */
final class BenchStreamOptions {
    @Option(names = "--movielens", paramLabel = "DIR",
        description = "Replay this MovieLens directory (ratings and their derived impressions) instead of generating.")
    Path movieLens;

    @Option(names = "--events", defaultValue = "1000000",
        description = "Events to generate, or the most to replay from MovieLens. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--users", defaultValue = "100000", description = "Generated users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--items", defaultValue = "20000", description = "Generated items. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--repeats", defaultValue = "3",
        description = "Measured passes per configuration. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--warmup-events", defaultValue = "100000",
        description = "Events of the unmeasured warm-up pass. Default: ${DEFAULT-VALUE}.")
    long warmUpEvents;

    @Option(names = "--auc-window", paramLabel = "N",
        description = "Click events the reported AUC covers: a shorthand for --set streamrec.metrics.auc.window=N "
            + "(default: that key's, 10000).")
    Integer aucWindowOption;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also append the result tables to this file.")
    Path markdown;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    /** The model and feature settings: {@code --config} then {@code --set}. */
    Map<String, String> properties() {
        return settings.properties();
    }

    /** The AUC window: {@code --auc-window}, else {@value StreamrecConfig#AUC_WINDOW}, else that key's default. */
    int aucWindow() {
        return SettingsOptions.aucWindow(aucWindowOption, properties(),
            (Integer) StreamrecConfig.DEFINITION.defaultValues().get(StreamrecConfig.AUC_WINDOW));
    }

    /** The source the options name: MovieLens when given, else the generator. */
    EventSource source() {
        return movieLens != null ? EventSources.movieLens(movieLens) : EventSources.synthetic(users, items, events, seed);
    }

    /** A short description of the stream for table titles. */
    String streamName() {
        return movieLens != null ? "MovieLens " + movieLens.getFileName() : String.format(java.util.Locale.ROOT,
            "generated %,d users x %,d items", users, items);
    }

    RecordedStream record() {
        final long t0 = System.nanoTime();
        final RecordedStream stream = RecordedStream.record(source(), events);
        System.out.printf(java.util.Locale.ROOT, "recorded %,d events (%,d users, %,d items) in %.1f s%n",
            stream.size(), stream.users(), stream.items(), (System.nanoTime() - t0) / 1e9);
        return stream;
    }

    /** Runs {@code printer} against stdout and, when {@code --markdown} is given, against that file too. */
    void emit(final java.util.function.Consumer<PrintStream> printer) {
        printer.accept(System.out);
        if (markdown != null) {
            try (PrintStream file = new PrintStream(Files.newOutputStream(markdown, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, java.nio.charset.StandardCharsets.UTF_8)) {
                printer.accept(file);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot append to " + markdown, e);
            }
        }
    }
}
