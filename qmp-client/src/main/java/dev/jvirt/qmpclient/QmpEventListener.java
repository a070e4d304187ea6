package dev.jvirt.qmpclient;

/**
 * Receives a connection's events. Called on the connection's event-loop thread, in the order
 * QEMU sent the events: do not block here; hand work to another executor instead.
 */
public interface QmpEventListener {

    void onEvent(QmpEvent event);

    /** The connection is gone; called exactly once, after every pending command has failed. */
    default void onConnectionLost(QmpConnectionLostException cause) {
    }
}
