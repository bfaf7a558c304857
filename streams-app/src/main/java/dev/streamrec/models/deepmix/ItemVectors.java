package dev.streamrec.models.deepmix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed dense item vectors (e.g. text-encoder outputs saved with NumPy) keyed by item id; items without a vector
 * read as zeros. Read-only after construction.
 */
public final class ItemVectors {
    private static final ItemVectors NONE = new ItemVectors(List.of(), new NpyReader.Matrix(0, 0, new float[0]));
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final NpyReader.Matrix matrix;

    /** @param ids item id of each matrix row, in row order (at most {@code matrix.rows()} ids) */
    public ItemVectors(final List<String> ids, final NpyReader.Matrix matrix) {
        if (ids.size() > matrix.rows()) {
            throw new IllegalArgumentException(ids.size() + " item ids for " + matrix.rows() + " vector rows");
        }
        this.matrix = matrix;
        for (int r = 0; r < ids.size(); r++) {
            rowOf.put(ids.get(r), r);
        }
    }

    /** No vectors: width 0. */
    public static ItemVectors none() {
        return NONE;
    }

    /** Loads a .npy matrix and its item-id list (one id a line, blank lines skipped). */
    public static ItemVectors load(final Path npy, final Path ids) {
        try {
            final List<String> lines = Files.readAllLines(ids, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new ItemVectors(lines, NpyReader.read(npy));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot load item vectors " + npy + " with ids " + ids, e);
        }
    }

    /** Width of every vector (0 when there are none). */
    public int dim() {
        return matrix.cols();
    }

    /** Copies the item's vector into {@code out[off, off + dim)}, or leaves zeros there for an unknown item. */
    public void copy(final String itemId, final float[] out, final int off) {
        final Integer row = rowOf.get(itemId);
        if (row != null) {
            matrix.copyRow(row, out, off);
        }
    }
}
