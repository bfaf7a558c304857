package dev.streamrec.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.streamrec.events.EventSource;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;

/** The event sources the commands offer: a MovieLens directory or the seeded generator. */
final class EventSources {
    private EventSources() {
    }

    static MovieLensDataset movieLens(final Path dir) {
        try {
            final MovieLensDataset dataset = MovieLensDataset.open(dir, malformed ->
                System.err.println("skipping malformed MovieLens line: " + malformed));
            System.out.printf("MovieLens %s at %s: %d users, %d items, %d ratings%n", dataset.format(), dir,
                dataset.users().size(), dataset.items().size(), dataset.ratingCount());
            return dataset;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read MovieLens directory " + dir, e);
        }
    }

    static EventSource synthetic(final int users, final int items, final long events, final long seed) {
        return new SyntheticStream(SyntheticConfig.defaults().withSeed(seed).withSize(users, items, events));
    }
}
