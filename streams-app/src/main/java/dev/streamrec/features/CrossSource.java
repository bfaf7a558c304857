package dev.streamrec.features;

import dev.streamrec.schema.Attributes;
import java.util.List;

/**
 * One side of a feature cross: the user id, the item id, or the values of a categorical attribute of the user
 * profile, the item profile or the event context ({@code user.<attr>}, {@code item.<attr>}, {@code ctx.<attr>}).
 * Derived groups ({@code ctx.hour}, text tokens) and numeric attributes are not cross sources.
 */
record CrossSource(Kind kind, String attribute) {
    enum Kind { USER_ID, ITEM_ID, USER_ATTR, ITEM_ATTR, CTX_ATTR }

    static CrossSource parse(final String group) {
        if (group.equals("user")) {
            return new CrossSource(Kind.USER_ID, "");
        }
        if (group.equals("item")) {
            return new CrossSource(Kind.ITEM_ID, "");
        }
        final int dot = group.indexOf('.');
        final String prefix = dot < 0 ? group : group.substring(0, dot);
        final String attr = dot < 0 ? "" : group.substring(dot + 1);
        if (attr.isEmpty()) {
            throw new IllegalArgumentException("cross source must be user, item, user.<attr>, item.<attr> or "
                + "ctx.<attr>, got '" + group + "'");
        }
        return switch (prefix) {
            case "user" -> new CrossSource(Kind.USER_ATTR, attr);
            case "item" -> new CrossSource(Kind.ITEM_ATTR, attr);
            case "ctx" -> new CrossSource(Kind.CTX_ATTR, attr);
            default -> throw new IllegalArgumentException("cross source must start with user, item or ctx, got '"
                + group + "'");
        };
    }

    int count(final String userId, final String itemId, final Attributes context, final Attributes user,
              final Attributes item) {
        return switch (kind) {
            case USER_ID, ITEM_ID -> 1;
            case USER_ATTR -> size(values(user));
            case ITEM_ATTR -> size(values(item));
            case CTX_ATTR -> size(values(context));
        };
    }

    String value(final int i, final String userId, final String itemId, final Attributes context,
                 final Attributes user, final Attributes item) {
        return switch (kind) {
            case USER_ID -> userId;
            case ITEM_ID -> itemId;
            case USER_ATTR -> values(user).get(i);
            case ITEM_ATTR -> values(item).get(i);
            case CTX_ATTR -> values(context).get(i);
        };
    }

    private List<String> values(final Attributes attrs) {
        return attrs == null || attrs.getCategorical() == null ? null : attrs.getCategorical().get(attribute);
    }

    private static int size(final List<String> values) {
        return values == null ? 0 : values.size();
    }
}
