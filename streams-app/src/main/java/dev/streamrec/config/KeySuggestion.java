package dev.streamrec.config;

import java.util.Collection;
import java.util.Optional;

/** The valid key nearest to a mistyped one, by Levenshtein edit distance (insertions, deletions, substitutions). */
public final class KeySuggestion {
    private KeySuggestion() {
    }

    /**
     * The candidate nearest to {@code key}, if one is within half the key's length (a suggestion further away than
     * that is noise); ties go to the first candidate.
     */
    public static Optional<String> nearest(final String key, final Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : candidates) {
            final int d = distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, key.length() / 2) ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance of {@code a} and {@code b}, two rows of the classic dynamic programme. */
    public static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
