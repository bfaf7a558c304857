package dev.streamrec.query;

/**
 * A request that cannot be answered, with the HTTP status and a stable error code for the JSON error body
 * ({@code {"error": code, "message": message}}). Never carries a stack trace to the client.
 */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public QueryException(final int status, final String code, final String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static QueryException badRequest(final String message) {
        return new QueryException(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
