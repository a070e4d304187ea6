package dev.jvirt.vmmcore;

/**
 * Receives lifecycle events of every domain, in the order they happened, on one thread owned by
 * the {@link Hypervisor}. Do not block here for long.
 */
@FunctionalInterface
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}
