package dev.jvirt.libvirtwire;

/** A message that does not decode as XDR: too short, a length past its bound, a bad boolean or optional. */
public final class XdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        super(message);
    }
}
