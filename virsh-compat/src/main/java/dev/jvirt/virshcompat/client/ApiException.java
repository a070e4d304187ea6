package dev.jvirt.virshcompat.client;

/** jvirtd answered a request with an error object: {@code {"error":{"code","message","hint"}}}. */
public final class ApiException extends JvirshException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String hint;
    private final transient JsonObject error;

    public ApiException(int status, String code, String message, String hint) {
        this(status, code, message, hint, null);
    }

    public ApiException(int status, String code, String message, String hint, JsonObject error) {
        super(message == null ? "jvirtd answered HTTP " + status + " without a message" : message);
        this.status = status;
        this.code = code == null ? "internal" : code;
        this.hint = hint;
        this.error = error;
    }

    /** A further field of the error object (such as QMP's {@code class} and {@code desc}), or the fallback. */
    public String detail(String key, String fallback) {
        return error == null ? fallback : error.string(key, fallback);
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The stable error code from docs/api.md, such as {@code no-such-domain}. */
    public String code() {
        return code;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }

    public boolean isNoSuchDomain() {
        return "no-such-domain".equals(code);
    }
}
