package dev.streamrec.learning.sync;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.streamrec.models.params.InteractionHistories;

/**
 * Sync of interaction histories (an item's last distinct users). A history is a list, not a sum, so its round delta
 * is the task's additions in order, and a merged round is every task's additions, task after task. The shared
 * history {@code G} after round r is {@code G} after round r - 1 with the additions of merged round r added one by
 * one under the histories' own rule (a member held already changes nothing; a full history drops its oldest). A
 * task's history of an owner is {@code G} at the last applied round plus its own additions since, added the same
 * way; with one task that is exactly its unsynced history.
 *
 * <p>{@code G} starts as the task's histories: empty for fresh models; for a task restored from a checkpoint taken
 * right after a merged round was applied, exactly the shared histories of that round (the task's history equals
 * {@code G} there, since every addition of every task is in the merged rounds). Memory: a copy of every synced
 * history plus the additions of the rounds not applied yet.
 */
final class HistorySync implements SharedPart {
    private static final PartDelta.Additions NONE = new PartDelta.Additions(new long[0], new int[0]);

    private final InteractionHistories histories;
    /** The shared histories at the last applied round, kept under the histories' own rule. */
    private final InteractionHistories shared;
    private final int[] members;
    /** Own additions extracted and not yet in an applied merged round, oldest first. */
    private final ArrayDeque<PartDelta.Additions> published = new ArrayDeque<>();
    /** Own additions made after the last extraction that an apply has taken from the histories already. */
    private PartDelta.Additions open = NONE;

    HistorySync(final InteractionHistories histories) {
        this.histories = histories;
        this.shared = histories.copy();
        this.members = new int[histories.capacity()];
        histories.trackAdditions();
    }

    @Override
    public PartDelta extract() {
        final PartDelta.Additions delta = concat(open, additions(histories.takeAdditions()));
        open = NONE;
        if (delta.owners().length == 0) {
            return null;
        }
        published.addLast(delta);
        return delta;
    }

    @Override
    public void apply(final PartDelta merged, final PartDelta own) {
        if (own != null && published.pollFirst() != own) {
            throw new IllegalStateException("merged history additions applied out of order: the task's own "
                + "additions of that round are not its oldest unapplied ones");
        }
        open = concat(open, additions(histories.takeAdditions()));
        final PartDelta.Additions m = (PartDelta.Additions) merged;
        final Set<Long> touched = new LinkedHashSet<>();
        for (int k = 0; k < m.owners().length; k++) {
            shared.add(m.owners()[k], m.members()[k]);
            touched.add(m.owners()[k]);
        }
        for (final Long owner : touched) {
            histories.replace(owner, members, shared.members(owner, members));
        }
        for (final PartDelta.Additions pending : published) {
            addTouched(pending, touched);
        }
        addTouched(open, touched);
    }

    /** The task's own additions to the owners just replaced, added again on top of the shared history. */
    private void addTouched(final PartDelta.Additions additions, final Set<Long> touched) {
        for (int k = 0; k < additions.owners().length; k++) {
            if (touched.contains(additions.owners()[k])) {
                histories.add(additions.owners()[k], additions.members()[k]);
            }
        }
    }

    private static PartDelta.Additions additions(final InteractionHistories.Additions a) {
        return new PartDelta.Additions(a.owners(), a.members());
    }

    private static PartDelta.Additions concat(final PartDelta.Additions a, final PartDelta.Additions b) {
        if (a.owners().length == 0) {
            return b;
        }
        if (b.owners().length == 0) {
            return a;
        }
        final long[] owners = Arrays.copyOf(a.owners(), a.owners().length + b.owners().length);
        final int[] members = Arrays.copyOf(a.members(), owners.length);
        System.arraycopy(b.owners(), 0, owners, a.owners().length, b.owners().length);
        System.arraycopy(b.members(), 0, members, a.members().length, b.members().length);
        return new PartDelta.Additions(owners, members);
    }
}
