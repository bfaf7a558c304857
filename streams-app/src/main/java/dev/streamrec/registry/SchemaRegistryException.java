package dev.streamrec.registry;

/**
 * A failed schema registry operation, carrying the HTTP status, Confluent's machine-readable {@code error_code}
 * and, for remote registries, the URL that answered (never with credentials in it).
 *
 * <p>Error codes follow Confluent's: 40401 subject not found, 40402 version not found, 40403 schema not found,
 * 40404/40405 subject (not) soft-deleted, 40406/40407 version (not) soft-deleted, 40408/40409 no subject-level
 * compatibility/mode, 409 incompatible schema, 42201 invalid schema, 42202 invalid version, 42203 invalid
 * compatibility level, 42204 invalid mode, 42205 operation not permitted, 42206 schema still referenced, 50001
 * server error. Transport
 * failures (no answer at all) use status 0 and {@link #NO_RESPONSE}.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** No HTTP answer: connection refused, timeout, I/O error. */
    public static final int NO_RESPONSE = 0;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int SUBJECT_MODE_NOT_CONFIGURED = 40409;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INVALID_MODE = 42204;
    public static final int OPERATION_NOT_PERMITTED = 42205;
    public static final int REFERENCE_EXISTS = 42206;
    public static final int SERVER_ERROR = 50001;

    private final int status;
    private final int errorCode;
    private final String url;
    private final String detail;

    /**
     * @param status    HTTP status, or 0 when there was no answer
     * @param errorCode Confluent error code (the status itself when the body carried none)
     * @param message   human-readable message
     * @param url       the URL that failed, or {@code null} for in-process registries
     * @param cause     the underlying failure, may be {@code null}
     */
    public SchemaRegistryException(final int status, final int errorCode, final String message, final String url,
                                   final Throwable cause) {
        super(message + " (status " + status + ", error_code " + errorCode + (url == null ? "" : ", url " + url)
                + ")", cause);
        this.status = status;
        this.errorCode = errorCode;
        this.url = url;
        this.detail = message;
    }

    /** An error of an in-process registry, with the HTTP status implied by the error code. */
    public static SchemaRegistryException of(final int errorCode, final String message) {
        final int status = errorCode >= 10_000 ? errorCode / 100 : errorCode;
        return new SchemaRegistryException(status, errorCode, message, null, null);
    }

    /** The message alone, without status, code and URL (what a server puts in its {@code message} field). */
    public String detail() {
        return detail;
    }

    /** HTTP status of the answer, 0 when there was none. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code}. */
    public int errorCode() {
        return errorCode;
    }

    /** The failing URL, or {@code null} for in-process registries. */
    public String url() {
        return url;
    }

    /** True for "not found" answers (any 404): the subject, version or schema id does not exist. */
    public boolean isNotFound() {
        return status == 404;
    }
}
