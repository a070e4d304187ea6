package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainEventListener;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers lifecycle events to subscribers, in order, on one thread of its own. */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<DomainEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jvirt-events");
        t.setDaemon(true);
        return t;
    });

    public Subscription subscribe(DomainEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(String domain, DomainEvent.Kind kind, StateReason reason) {
        DomainEvent event = new DomainEvent(domain, kind, reason, Instant.now());
        log.info("domain '{}': {} ({})", domain, kind, reason.label());
        try {
            delivery.execute(() -> {
                for (DomainEventListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (RuntimeException e) {
                        log.warn("event listener failed on {}: {}", event, e.toString());
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("event bus closed; dropped {}", event);
        }
    }

    /** Delivers what is queued (up to 2 s), then stops. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
