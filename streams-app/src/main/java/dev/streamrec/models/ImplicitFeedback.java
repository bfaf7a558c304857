package dev.streamrec.models;

/**
 * Implicit feedback pooled into the two sides (SVD++, Koren 2008, Eq. 15, and its item-side mirror):
 * {@code user[0, userCount)} are the keys of the items the user interacted with, {@code N(u)}, whose rows
 * {@code y_j} (virtual group {@code groups}) join {@code p} scaled by {@code |N(u)|^-1/2};
 * {@code item[0, itemCount)} the keys of the users who interacted with the item, {@code N(i)}, whose rows
 * {@code z_v} (virtual group {@code groups + 1}) join {@code q} scaled by {@code |N(i)|^-1/2}. Rows start at 0.
 */
public record ImplicitFeedback(int[] user, int userCount, int[] item, int itemCount) {
    /** No implicit feedback: the plain factorization term. */
    public static final ImplicitFeedback NONE = new ImplicitFeedback(new int[0], 0, new int[0], 0);

    float userScale() {
        return userCount == 0 ? 0f : (float) (1.0 / Math.sqrt(userCount));
    }

    float itemScale() {
        return itemCount == 0 ? 0f : (float) (1.0 / Math.sqrt(itemCount));
    }
}
