package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.Message;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.Subscription;
import dev.jvirt.vmmcore.VmmException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's lifecycle-event registrations: callback ids (the API libvirt's clients use since
 * 1.2.1, {@code REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE}) and the old connection-wide one
 * ({@code REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE}). It subscribes to the facade's events while it has
 * a registration and turns each into MESSAGE packets. A domain's UUID is remembered from earlier
 * events, for the one that follows its removal.
 */
final class EventCallbacks implements AutoCloseable {
    static final int LIFECYCLE = 0;
    private final LibvirtConnection connection;
    private final Hypervisor hv;
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** callback id → the domain it is for (its name), or "" for every domain. */
    private final Map<Integer, String> callbacks = new ConcurrentHashMap<>();
    private final Map<String, UUID> uuids = new ConcurrentHashMap<>();
    private volatile boolean legacy;
    private Subscription subscription;

    EventCallbacks(LibvirtConnection connection, Hypervisor hv) {
        this.connection = connection;
        this.hv = hv;
    }

    synchronized int register(String domainName) {
        int id = nextId.getAndIncrement();
        callbacks.put(id, domainName == null ? "" : domainName);
        subscribe();
        return id;
    }

    synchronized boolean deregister(int id) {
        return callbacks.remove(id) != null;
    }

    synchronized void registerLegacy() {
        legacy = true;
        subscribe();
    }

    synchronized void deregisterLegacy() {
        legacy = false;
    }

    private void subscribe() {
        if (subscription == null) {
            hv.list().forEach(d -> uuids.put(d.name(), UUID.fromString(d.uuid())));
            subscription = hv.subscribe(this::onEvent);
        }
    }

    private void onEvent(DomainEvent e) {
        DomainInfo now = info(e.domain());
        WireDomain dom = now != null ? WireDomains.of(now)
                : uuids.containsKey(e.domain()) ? new WireDomain(e.domain(), uuids.get(e.domain()), -1) : null;
        if (dom == null) {
            return;
        }
        for (int[] ev : WireDomains.lifecycle(e, now != null && now.state() == DomainState.PAUSED)) {
            send(e, dom, ev);
        }
    }

    private void send(DomainEvent e, WireDomain dom, int[] ev) {
        for (Map.Entry<Integer, String> c : callbacks.entrySet()) {
            if (c.getValue().isEmpty() || c.getValue().equals(e.domain())) {
                XdrWriter w = new XdrWriter().writeInt(c.getKey());
                dom.write(w);
                w.writeInt(ev[0]).writeInt(ev[1]);
                connection.send(Message.of(event("REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE"), w));
            }
        }
        if (legacy) {
            XdrWriter w = new XdrWriter();
            dom.write(w);
            w.writeInt(ev[0]).writeInt(ev[1]);
            connection.send(Message.of(event("REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE"), w));
        }
    }

    private DomainInfo info(String name) {
        try {
            DomainInfo d = hv.info(name);
            uuids.put(name, UUID.fromString(d.uuid()));
            return d;
        } catch (VmmException gone) {
            return null;
        }
    }

    private static Header event(String procedure) {
        return new Header(Protocol.REMOTE_PROGRAM, Protocol.REMOTE_VERSION, Protocol.procedure(procedure),
                Protocol.MESSAGE, 0, Protocol.OK);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        callbacks.clear();
    }
}
