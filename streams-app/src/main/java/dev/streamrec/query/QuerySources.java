package dev.streamrec.query;

import java.util.Set;
import java.util.SortedMap;

import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

/** What a query reads besides the models: the owning task's user data and the global item profiles. */
public interface QuerySources {
    /** The user's latest profile, or null if none is known. */
    UserProfile user(String user);

    /** The items the user interacted with (shown or rated, in a scored event) on the owning task. */
    Set<String> interactedItems(String user);

    /** Every known item profile, by id (the default candidates). */
    SortedMap<String, ItemProfile> items();
}
