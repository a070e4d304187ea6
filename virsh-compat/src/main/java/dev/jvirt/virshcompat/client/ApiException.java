package dev.jvirt.virshcompat.client;

import dev.jvirt.api.ApiError;

/** jvirtd answered a request with an error object: {@code {"error":{"code","message","hint"}}}. */
public final class ApiException extends JvirshException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ApiError error;

    public ApiException(int status, ApiError error) {
        super(error.message() == null ? "jvirtd answered HTTP " + status + " without a message" : error.message());
        this.status = status;
        this.error = error.code() == null ? new ApiError("internal", error.message(), error.hint(), error.details()) : error;
    }

    public ApiException(int status, String code, String message, String hint) {
        this(status, new ApiError(code, message, hint));
    }

    /** A further field of the error object (such as QMP's {@code class} and {@code desc}), or the fallback. */
    public String detail(String key, String fallback) {
        return error.detail(key, fallback);
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The stable error code from docs/api.md, such as {@code no-such-domain}. */
    public String code() {
        return error.code();
    }

    /** What to do about it, or null. */
    public String hint() {
        return error.hint();
    }

    /** The same error with another hint (a command that knows better what to do). */
    public ApiException withHint(String hint) {
        return new ApiException(status, new ApiError(error.code(), error.message(), hint, error.details()));
    }

    public boolean isNoSuchDomain() {
        return "no-such-domain".equals(error.code());
    }
}
