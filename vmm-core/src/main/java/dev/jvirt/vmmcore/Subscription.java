package dev.jvirt.vmmcore;

/** A registered {@link DomainEventListener}; closing it unsubscribes. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
