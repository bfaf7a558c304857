package dev.streamrec.models.params;

import dev.streamrec.bench.BenchEvent;
import dev.streamrec.bench.RecordedStream;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ExampleFactory;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Measures what a checkpoint writes: runs a MovieLens directory through lr, lcwd and deepmix (default settings)
 * and drains every model every K events, printing per model the bytes (keys + values), entries and largest value
 * of each checkpoint, and every 10th checkpoint the bytes per part (both tasks' parts of LC-W&amp;D added up). {@code java -cp <test classpath> dev.streamrec.models.params.CheckpointBytes DIR [K]}.
 */
public final class CheckpointBytes {
    private CheckpointBytes() {
    }

    /** Counts what it is given. */
    private static final class Counting implements ParameterSink {
        final java.util.Map<String, Long> byPart = new java.util.TreeMap<>();
        long bytes;
        long entries;
        int largest;

        @Override
        public void put(final byte[] key, final byte[] value) {
            bytes += key.length + value.length;
            entries++;
            largest = Math.max(largest, value.length);
            byPart.merge(StateCodec.readKey(key).part().replaceAll("^(click|rating)\\.", ""),
                (long) key.length + value.length, Long::sum);
        }

        @Override
        public void delete(final byte[] key) {
            bytes += key.length;
            entries++;
        }
    }

    public static void main(final String[] args) throws java.io.IOException {
        final int k = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        final List<BenchEvent> events = RecordedStream.record(MovieLensDataset.open(Path.of(args[0]),
            malformed -> { }), Long.MAX_VALUE).events();
        final Map<String, String> properties = Map.of();
        final FeatureConfig features = FeatureConfig.fromProperties(properties);
        final List<OnlineModel> models = new ModelFactory(List.of("lr", "lcwd", "deepmix"), properties, features,
            ValidationConfig.fromProperties(properties)).get();
        final ExampleFactory examples = new ExampleFactory(features);
        long learned = 0;
        for (final BenchEvent e : events) {
            if (!examples.featurize(e.userId(), e.itemId(), e.eventTime(), e.context(), e.user(), e.item()).fits()) {
                continue;
            }
            final Example example = examples.example(e.type(), e.label(), e.userId(), e.itemId(), e.eventTime());
            for (final OnlineModel model : models) {
                model.predict(example);
            }
            for (final OnlineModel model : models) {
                model.learn(example);
            }
            if (++learned % k == 0) {
                final StringBuilder line = new StringBuilder("after " + learned + " events:");
                for (final OnlineModel model : models) {
                    final Counting sink = new Counting();
                    model.drainChanges(sink);
                    line.append(String.format(java.util.Locale.ROOT, "  %s %,d bytes in %,d entries (largest %,d)",
                        model.name(), sink.bytes, sink.entries, sink.largest));
                    if (learned % (10L * k) == 0) {
                        line.append(' ').append(sink.byPart);
                    }
                }
                System.out.println(line);
            }
        }
    }
}
