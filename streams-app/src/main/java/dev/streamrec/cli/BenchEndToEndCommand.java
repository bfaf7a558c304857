package dev.streamrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.streamrec.bench.ModelCoreRun;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.embedded.EmbeddedKafka;
import dev.streamrec.events.EventSource;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.registry.EmbeddedSchemaRegistry;
import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamrec bench e2e}: events/s and per-event latency through an embedded broker with exactly-once
 * ({@link EndToEndRun} defines the latency), per model set, each next to the model core of the same models on the
 * same events in this process ({@link ModelCoreRun}); per store, the changelog records and bytes per event; the
 * stream threads' commits per second; heap and resident memory; optionally a paced run at half the measured full
 * speed and the restore time after a SIGKILL ({@link RestoreRun}). Every run gets a fresh broker and registry.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = "Events/s and p50/p99 latency end to end (embedded broker, exactly-once) next to the model core, "
        + "changelog bytes per store, commits/s, heap and RSS; optionally restore time after a kill.")
final class BenchEndToEndCommand implements Callable<Integer> {
    /** The model set of the no-model floor: decode, enrich, featurize and write the scored event, nothing else. */
    static final String NONE = "none";
    private static final String FULL_SPEED = "full speed";

    @Option(names = "--movielens", paramLabel = "DIR", description = "Replay this MovieLens directory.")
    Path movieLens;

    @Option(names = "--events", defaultValue = "50000",
        description = "Measured events (after the warm-up). Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--warmup-events", defaultValue = "5000",
        description = "Events sent and scored before measuring. Default: ${DEFAULT-VALUE}.")
    long warmUpEvents;

    @Option(names = "--jit-warmup-runs", defaultValue = "1",
        description = "Unmeasured end-to-end runs of the first model set before any measured run: the JIT compiles "
            + "the broker's, the clients' and streamrec's code for the whole first run of a JVM, which made the first "
            + "measured set up to 2x slower than the same set measured later. Default: ${DEFAULT-VALUE}.")
    int jitWarmUpRuns;

    @Option(names = "--models", split = " ", paramLabel = "SET",
        description = "Model sets to run in turn, each 'none' (no model: the floor), 'all' or a comma-separated "
            + "list, e.g. --models \"none lr all\". Default: streamrec.models.")
    List<String> modelSets;

    @Option(names = "--rate", defaultValue = "0",
        description = "Events/s to send the measured events at; 0 = as fast as possible; 'half' = a full-speed run, "
            + "then one at half its measured events/s. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--restore", description = "Also measure the restore after a SIGKILL of a child streamrec "
        + "process that processed the whole stream (state dir deleted, then kept).")
    boolean restore;

    @Option(names = "--restore-probe-events", defaultValue = "200",
        description = "New events sent after each restart of the restore run. Default: ${DEFAULT-VALUE}.")
    int probes;

    @Option(names = "--restore-logs", paramLabel = "DIR",
        description = "Keep the restore run's child logs (streamrec-0.log before the kill, then one per restart) in "
            + "DIR/<model set>/; by default they are deleted with the run's temporary directory.")
    Path restoreLogs;

    @Option(names = "--users", defaultValue = "10000", description = "Generated users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--items", defaultValue = "5000", description = "Generated items. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", defaultValue = "2",
        description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "0",
        description = "The application's num.stream.threads; 0 = one per core of this machine (the setting a "
            + "deployment would choose: each thread runs its own tasks, and waits on fetches and commits overlap). "
            + "Default: ${DEFAULT-VALUE}.")
    int streamThreadsOption;

    /** The runs' stream threads: {@code --set num.stream.threads}, else {@code --stream-threads}, else one per core. */
    private int streamThreads;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also append the result tables to this file.")
    Path markdown;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"half".equals(rate) && !rate.matches("\\d+(\\.\\d+)?")) {
            throw new ParameterException(spec.commandLine(), "--rate takes events/s (0 = full speed) or 'half', got '"
                + rate + "'");
        }
        final String threadsSet = settings.properties().get("num.stream.threads");
        streamThreads = threadsSet != null ? positiveThreads(threadsSet)
            : streamThreadsOption > 0 ? streamThreadsOption : Runtime.getRuntime().availableProcessors();
        final EventSource source = movieLens != null ? EventSources.movieLens(movieLens)
            : EventSources.synthetic(users, items, warmUpEvents + events + (restore ? 2L * probes : 0), seed);
        final String stream = movieLens != null ? "MovieLens " + movieLens.getFileName()
            : String.format(Locale.ROOT, "generated %,d x %,d", users, items);
        final RecordedStream recorded = RecordedStream.record(source, warmUpEvents + events);
        final int aucWindow = new StreamrecConfig(properties(null, Path.of("unused")))
            .getInt(StreamrecConfig.AUC_WINDOW);
        final List<EndToEndTables.Run> runs = new ArrayList<>();
        final List<EndToEndTables.Restore> restores = new ArrayList<>();
        boolean complete = true;
        final List<String> sets = modelSets != null ? modelSets : List.of(defaultSet());
        for (int i = 0; i < jitWarmUpRuns; i++) {
            System.out.printf(Locale.ROOT, "JIT warm-up run %d of %d (%s, full speed, not measured)%n", i + 1,
                jitWarmUpRuns, sets.get(0));
            endToEnd(source, models(sets.get(0)), 0.0);
        }
        for (final String set : sets) {
            final List<String> models = models(set);
            final ModelCoreRun core = new ModelCoreRun(models, settings.properties(), aucWindow);
            core.run(recorded.prefix(warmUpEvents));
            final ModelCoreRun.Pass pass = core.run(recorded.events());
            System.out.printf(Locale.ROOT, "%s: model core %,.0f events/s (%,.0f per CPU-s) over %,d events%n", set,
                pass.eventsPerSecond(), pass.eventsPerCpuSecond(), pass.events());
            final List<Double> rates = new ArrayList<>();
            rates.add("half".equals(rate) ? 0.0 : Double.parseDouble(rate));
            for (int i = 0; i < rates.size(); i++) {
                final EndToEndRun.Result result = endToEnd(source, models, rates.get(i));
                complete &= result.visible() == result.measured();
                final String sentAt = rates.get(i) > 0 ? String.format(Locale.ROOT, "%,.0f/s", rates.get(i))
                    : FULL_SPEED;
                runs.add(new EndToEndTables.Run(stream, set, partitions, streamThreads, sentAt, result, pass,
                    Double.NaN));
                if ("half".equals(rate) && i == 0) {
                    rates.add(result.eventsPerSecond() / 2);
                }
            }
            if (restore) {
                restores.add(new EndToEndTables.Restore(set, restoreRun(source, models, set)));
            }
        }
        final List<EndToEndTables.Run> rows = withFloor(runs);
        emit(out -> {
            EndToEndTables.printRuns(rows, out);
            EndToEndTables.printStores(rows, out);
            if (!restores.isEmpty()) {
                EndToEndTables.printRestores(restores, out);
            }
        });
        return complete ? 0 : 1;
    }

    /** The model names of a set: {@code none} = no model, {@code all} = every known model, else a list. */
    static List<String> models(final String set) {
        if (NONE.equals(set)) {
            return List.of();
        }
        return "all".equals(set) ? ModelFactory.KNOWN : List.of(set.split(","));
    }

    /** The set {@code streamrec.models} names (from {@code --set} or the default), {@code none} when empty. */
    private String defaultSet() {
        final List<String> configured = new StreamrecConfig(properties(null, Path.of("unused"))).models();
        return configured.isEmpty() ? NONE : String.join(",", configured);
    }

    /**
     * The runs, each full-speed one with the no-model floor's full-speed events/s when a {@code none} set ran at
     * full speed (a paced run's events/s is its rate, not a ceiling).
     */
    static List<EndToEndTables.Run> withFloor(final List<EndToEndTables.Run> runs) {
        final double floor = runs.stream().filter(r -> r.models().equals(NONE) && r.sentAt().equals(FULL_SPEED))
            .mapToDouble(r -> r.result().eventsPerSecond()).findFirst().orElse(Double.NaN);
        return runs.stream().map(r -> new EndToEndTables.Run(r.stream(), r.models(), r.partitions(), r.streamThreads(),
            r.sentAt(), r.result(), r.core(),
            r.models().equals(NONE) || !r.sentAt().equals(FULL_SPEED) ? Double.NaN : floor)).toList();
    }

    /** {@code --set num.stream.threads} as a positive count, or a usage error naming the value. */
    private int positiveThreads(final String value) {
        try {
            final int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (final NumberFormatException e) {
            // reported below, as any other bad value
        }
        throw new ParameterException(spec.commandLine(), "--set num.stream.threads takes a positive number of threads, "
            + "got '" + value + "'");
    }

    /** The bench's properties for one run: broker, registry, state directory, the models, then {@code --set}. */
    private Map<String, String> properties(final List<String> models, final Path stateDir) {
        final Map<String, String> props = new HashMap<>();
        props.put(StreamrecConfig.REGISTRY_URL, "http://unused");
        props.put("application.id", "streamrec-bench");
        props.put("state.dir", stateDir.toString());
        props.put("commit.interval.ms", "100");
        props.put("num.stream.threads", Integer.toString(streamThreads));
        props.put(StreamrecConfig.PARTITIONS, Integer.toString(partitions));
        props.putAll(settings.properties());
        if (models != null) {
            props.put(StreamrecConfig.MODELS, String.join(",", models));
        }
        return props;
    }

    private EndToEndRun.Result endToEnd(final EventSource source, final List<String> models, final double at)
        throws IOException, InterruptedException {
        final Path stateDir = Files.createTempDirectory("streamrec-bench-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = properties(models, stateDir);
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            return new EndToEndRun(new StreamrecConfig(props), source, warmUpEvents, events, at, System.out)
                .execute();
        } finally {
            DemoRun.deleteRecursively(stateDir);
        }
    }

    private RestoreRun.Result restoreRun(final EventSource source, final List<String> models, final String set)
        throws IOException, InterruptedException {
        final Path work = Files.createTempDirectory("streamrec-bench-restore");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
            final Map<String, String> props = properties(models, work.resolve("state"));
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put(StreamrecConfig.REGISTRY_URL, registry.url());
            // A SIGKILLed member stays in the group until its session times out (45 s by default); like the crash
            // test, detect it within a few seconds unless --set says otherwise.
            props.putIfAbsent("session.timeout.ms", "6000");
            props.putIfAbsent("heartbeat.interval.ms", "1500");
            final Path logs = restoreLogs != null ? restoreLogs.resolve(set.replace(',', '+')) : work.resolve("logs");
            return new RestoreRun(props, source, warmUpEvents + events, probes, logs, System.out).execute();
        } finally {
            DemoRun.deleteRecursively(work);
        }
    }

    /** Runs {@code printer} against stdout and, with {@code --markdown}, appends the same to that file. */
    private void emit(final Consumer<PrintStream> printer) {
        printer.accept(System.out);
        if (markdown != null) {
            try (PrintStream file = new PrintStream(Files.newOutputStream(markdown, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                printer.accept(file);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot append to " + markdown, e);
            }
        }
    }
}
