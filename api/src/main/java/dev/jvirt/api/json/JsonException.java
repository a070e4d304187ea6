package dev.jvirt.api.json;

/** Text that is not JSON, or JSON that is not of the shape a reader expects (what and where in the message). */
public final class JsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
