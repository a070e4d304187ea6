package dev.jvirt.bridgenet;

/** The root of bridge-net's errors; messages are for the person who runs the network. */
public class NetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
