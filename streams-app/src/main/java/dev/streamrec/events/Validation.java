package dev.streamrec.events;

import java.util.Objects;

/**
 * The outcome of validating one record: {@link #OK} (a shared constant, so accepting allocates nothing) or a
 * {@link Rejection} with a machine-readable reason and a detail for humans.
 */
public sealed interface Validation permits Validation.Ok, Validation.Rejection {
    /** The one accepted outcome. */
    Validation OK = Ok.INSTANCE;

    /** Whether the record was accepted. */
    boolean isOk();

    /**
     * A rejection; other layers use it for the reserved reasons (e.g. {@link RejectReason#TOO_MANY_FEATURES}).
     *
     * @param reason the machine-readable reason
     * @param detail what exactly was wrong
     * @return the rejection
     */
    static Rejection reject(final RejectReason reason, final String detail) {
        return new Rejection(reason, detail);
    }

    /** Accepted. */
    enum Ok implements Validation {
        INSTANCE;

        @Override
        public boolean isOk() {
            return true;
        }
    }

    /**
     * Rejected.
     *
     * @param reason the machine-readable reason
     * @param detail a human-readable explanation naming the offending field and value
     */
    record Rejection(RejectReason reason, String detail) implements Validation {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isOk() {
            return false;
        }
    }
}
