package dev.jvirt.qmpclient;

/** A registered {@link QmpEventListener}; closing it unsubscribes. */
public interface QmpSubscription extends AutoCloseable {
    @Override
    void close();
}
