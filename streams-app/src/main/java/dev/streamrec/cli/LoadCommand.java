package dev.streamrec.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.registry.HttpSchemaRegistryClient;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code streamrec load DIR}: produces a MovieLens directory (ml-100k or ml-1m format) to the input topics:
 * profiles first, then each rating and its derived impression (clicked = rating >= 4) in timestamp order, with
 * their original event times.
 */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Produce a MovieLens directory to the topics.")
final class LoadCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "DIR", description = "MovieLens directory (u.data... or ratings.dat...).")
    Path directory;

    @Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @Override
    public Integer call() {
        final Map<String, String> props = connection.properties();
        final StreamrecConfig config = new StreamrecConfig(props);
        final TopicSerdes serdes = new TopicSerdes(HttpSchemaRegistryClient.fromConfigs(props));
        final MovieLensDataset dataset = EventSources.movieLens(directory);
        final long total = 2L * dataset.ratingCount();
        try (EventPublisher publisher = new EventPublisher(config.clientProperties(), config.topics(), serdes)) {
            final Progress progress = new Progress(System.out, "load", "events", total, progressOptions.live());
            dataset.replay(new PublishingSink(publisher, Long.MAX_VALUE, () -> { }, progress::step));
            publisher.flush();
            progress.finish(String.format("published %d profiles and %d events", publisher.profiles(),
                publisher.events()));
        }
        return 0;
    }
}
