package dev.jvirt.vmmcore.daemon.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request failed with one of the error codes of docs/api.md: the HTTP status, a stable
 * {@code code} clients switch on, a message for people and an optional hint on what to do.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HttpResponseStatus status;
    private final String code;
    private final String hint;
    private final java.util.Map<String, String> details;

    public ApiException(HttpResponseStatus status, String code, String message, String hint, Throwable cause) {
        this(status, code, message, hint, cause, java.util.Map.of());
    }

    /** With further fields for the error object, such as QMP's {@code class} and {@code desc}. */
    public ApiException(HttpResponseStatus status, String code, String message, String hint, Throwable cause,
            java.util.Map<String, String> details) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.hint = hint;
        this.details = java.util.Map.copyOf(details);
    }

    /** Further fields of the error object (ordered by name when written). */
    public java.util.Map<String, String> details() {
        return details;
    }

    public ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, message, null, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }
}
