package dev.streamrec.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.evaluation.Evaluation;
import dev.streamrec.evaluation.EvaluationResult;
import dev.streamrec.evaluation.EvaluationSettings;
import dev.streamrec.evaluation.ModelResult;
import dev.streamrec.evaluation.Protocol;
import dev.streamrec.evaluation.ReportWriter;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.topology.StreamrecConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamrec evaluate DIR}: replays a MovieLens directory in event-time order through every configured model,
 * in process (no broker, no registry, the topology's model core), and writes a report directory.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate the configured models on a MovieLens directory, in process, and write a report.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A MovieLens directory (ml-100k or ml-1m format).")
    Path movieLens;

    @Option(names = "--out", defaultValue = "evaluation-report",
        description = "Report directory (created; files overwritten). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--protocol", defaultValue = "prequential",
        description = "prequential (score, then learn every event) or offline (learn the first --train-fraction, "
            + "evaluate the frozen models on the rest). Default: ${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(names = "--train-fraction", defaultValue = "0.9",
        description = "Offline protocol: share of the events learned. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--events", defaultValue = "" + Long.MAX_VALUE,
        description = "Use at most this many events from the start of the stream. Default: all.")
    long events;

    @Option(names = "--auc-window", paramLabel = "N",
        description = "Clicks the AUC covers: a shorthand for --set streamrec.metrics.auc.window=N. Default: all "
            + "measured clicks.")
    Integer aucWindowOption;

    @Option(names = "--curve-points", defaultValue = "100",
        description = "Points per learning curve. Default: ${DEFAULT-VALUE}.")
    int curvePoints;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Override
    public Integer call() throws Exception {
        final Map<String, String> props = new HashMap<>(settings.properties());
        props.putIfAbsent(StreamrecConfig.REGISTRY_URL, "unused-by-evaluate"); // required by the schema, never used
        final StreamrecConfig config = new StreamrecConfig(props);
        final FeatureConfig features = FeatureConfig.fromProperties(config.modelProperties());
        final ModelFactory models = new ModelFactory(config.models(), config.modelProperties(), features,
            config.validation());
        final int aucWindow = SettingsOptions.aucWindow(aucWindowOption, props, 0);
        final EvaluationSettings evaluation = new EvaluationSettings(protocol, trainFraction, events, aucWindow,
            curvePoints);
        final MovieLensDataset dataset = EventSources.movieLens(movieLens);
        final Progress progress = new Progress(System.out, "evaluate", "events", 0, progressOptions.live());
        final EvaluationResult result = new Evaluation(features, config.validation(), models, evaluation)
            .run(movieLens.getFileName().toString(), dataset, (done, total, metrics) -> {
                if (progress.done() == 0) {
                    progress.total(total);
                    progress.metrics(() -> MetricsLine.of(metrics.get()));
                }
                progress.update(done);
            });
        progress.finish("");
        final Path report = ReportWriter.write(result, commandLine(aucWindow), out);
        print(result);
        System.out.println("report: " + report.toAbsolutePath());
        return 0;
    }

    private String commandLine(final int aucWindow) {
        final StringBuilder sb = new StringBuilder("streamrec evaluate ").append(movieLens)
            .append(" --protocol ").append(protocol.name().toLowerCase(java.util.Locale.ROOT));
        if (protocol == Protocol.OFFLINE) {
            sb.append(" --train-fraction ").append(trainFraction);
        }
        if (events != Long.MAX_VALUE) {
            sb.append(" --events ").append(events);
        }
        if (aucWindow != 0) {
            sb.append(" --auc-window ").append(aucWindow);
        }
        if (settings.configFile != null) {
            sb.append(" --config ").append(settings.configFile);
        }
        for (final String key : new java.util.TreeSet<>(settings.overrides.keySet())) {
            if (!key.equals(StreamrecConfig.AUC_WINDOW)) {
                sb.append(" --set ").append(key).append('=').append(settings.overrides.get(key));
            }
        }
        return sb.toString();
    }

    private static void print(final EvaluationResult result) {
        System.out.printf(java.util.Locale.ROOT, "%,d events in %.1f s (%,.0f events/s); rejected: %s%n",
            result.events(), result.seconds(), result.eventsPerSecond(), result.rejected());
        System.out.printf("%-8s %8s %8s %8s %8s %8s %8s %12s %10s%n", "model", "AUC", "logloss", "MAE", "RMSE",
            "microF1", "macroF1", "params", "events/s");
        final List<ModelResult> models = result.models();
        for (final ModelResult m : models) {
            final MetricsSnapshot s = m.metrics();
            System.out.printf(java.util.Locale.ROOT, "%-8s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %,12d %,10.0f%n",
                m.model(), s.auc(), s.logLoss(), s.mae(), s.rmse(), s.microF1(), s.macroF1(), m.parameterCount(),
                m.eventsPerSecond());
        }
    }
}
