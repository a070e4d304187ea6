package dev.jvirt.vmmcore;

/** Reading or writing jvirt's state or runtime directory failed. */
public final class StateStoreException extends VmmException {
    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
