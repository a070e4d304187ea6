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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's event registrations: callback ids (the API libvirt's clients use since 1.2.1,
 * {@code REMOTE_PROC_DOMAIN_EVENT_CALLBACK_*}) and the old connection-wide ones
 * ({@code REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE}, {@code _REBOOT}). Two event ids exist here:
 * lifecycle (0) and reboot (1), the ones jvirt's facade publishes. It subscribes to the facade's
 * events while it has a registration and turns each into MESSAGE packets. A domain's UUID is
 * remembered from earlier events, for the one that follows its removal.
 */
final class EventCallbacks implements AutoCloseable {
    static final int LIFECYCLE = 0;
    static final int REBOOT = 1;
    static final Set<Integer> SUPPORTED = Set.of(LIFECYCLE, REBOOT);
    private static final Logger log = LoggerFactory.getLogger(EventCallbacks.class);

    /** One registration: its event id and the domain it is for (its name), or null for every domain. */
    private record Callback(int eventId, String domain) {
    }

    private final LibvirtConnection connection;
    private final Hypervisor hv;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, Callback> callbacks = new ConcurrentHashMap<>();
    private final Set<Integer> legacy = ConcurrentHashMap.newKeySet();
    private final Map<String, UUID> uuids = new ConcurrentHashMap<>();
    private Subscription subscription;

    EventCallbacks(LibvirtConnection connection, Hypervisor hv) {
        this.connection = connection;
        this.hv = hv;
    }

    synchronized int register(int eventId, String domainName) {
        int id = nextId.getAndIncrement();
        callbacks.put(id, new Callback(eventId, domainName));
        subscribe();
        return id;
    }

    synchronized boolean deregister(int id) {
        return callbacks.remove(id) != null;
    }

    synchronized void registerLegacy(int eventId) {
        legacy.add(eventId);
        subscribe();
    }

    synchronized void deregisterLegacy(int eventId) {
        legacy.remove(eventId);
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
        if (e.kind() == DomainEvent.Kind.REBOOTED) {
            send(e, REBOOT, dom, null);
            return;
        }
        for (int[] ev : WireDomains.lifecycle(e, now != null && now.state() == DomainState.PAUSED)) {
            send(e, LIFECYCLE, dom, ev);
        }
    }

    /** {@code lifecycle}: (event, detail) for a lifecycle event, null for a reboot. */
    private void send(DomainEvent e, int eventId, WireDomain dom, int[] lifecycle) {
        if (!connection.channel().isWritable()) {
            // a client that does not read its events would make the daemon hold them without bound
            log.warn("libvirt socket: closing a client that does not read its events");
            connection.channel().close();
            return;
        }
        String callbackProc = eventId == LIFECYCLE ? "REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE"
                : "REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT";
        for (Map.Entry<Integer, Callback> c : callbacks.entrySet()) {
            Callback cb = c.getValue();
            if (cb.eventId() == eventId && (cb.domain() == null || cb.domain().equals(e.domain()))) {
                XdrWriter w = new XdrWriter().writeInt(c.getKey());
                body(w, dom, lifecycle);
                connection.send(Message.of(event(callbackProc), w));
            }
        }
        if (legacy.contains(eventId)) {
            XdrWriter w = new XdrWriter();
            body(w, dom, lifecycle);
            connection.send(Message.of(event(eventId == LIFECYCLE ? "REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE"
                    : "REMOTE_PROC_DOMAIN_EVENT_REBOOT"), w));
        }
    }

    private static void body(XdrWriter w, WireDomain dom, int[] lifecycle) {
        dom.write(w);
        if (lifecycle != null) {
            w.writeInt(lifecycle[0]).writeInt(lifecycle[1]);
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
        legacy.clear();
    }
}
