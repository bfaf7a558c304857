package dev.streamrec.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.Prediction;

/**
 * Writes each click event LR sees, for a peer learner to replay with identical features: one line per event,
 * {@code label<TAB>lr-score<TAB>index:value index:value ...}, where the indices are streamrec's hashed categorical
 * features (the exact input of LR, bias included) in {@code [0, 2^hashBits)} and {@code lr-score} is LR's
 * prequential click probability for the event (scored before it learned from it). Rating events are skipped.
 */
public final class PeerDump implements ModelCoreRun.Observer, AutoCloseable {
    private final Writer out;
    private final int lrIndex;
    private final StringBuilder line = new StringBuilder(512);
    private long written;

    /**
     * @param out     destination (closed by {@link #close})
     * @param lrIndex position of LR among the run's models
     */
    public PeerDump(final Writer out, final int lrIndex) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        this.lrIndex = lrIndex;
    }

    @Override
    public void scored(final BenchEvent event, final Example example, final List<Prediction> predictions) {
        if (event.type() != EventType.IMPRESSION) {
            return;
        }
        line.setLength(0);
        line.append(example.label() > 0.5 ? '1' : '0').append('\t')
            .append(predictions.get(lrIndex).getScore()).append('\t');
        final SparseFeatures x = example.categorical();
        for (int i = 0; i < x.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(x.index(i)).append(':').append(x.value(i));
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
