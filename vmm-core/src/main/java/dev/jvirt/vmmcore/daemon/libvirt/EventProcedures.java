package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NoSuchDomainException;

/**
 * Event registration. Lifecycle (event id 0) and reboot (1) events: jvirt's facade publishes
 * those; any other id answers VIR_ERR_NO_SUPPORT, which {@code virsh event --all} takes as an older server.
 */
final class EventProcedures {
    private final Hypervisor hv;

    EventProcedures(Hypervisor hv) {
        this.hv = hv;
    }

    void register(ProcedureTable t) {
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", c -> {
            XdrReader a = c.args();
            int eventId = a.readInt();
            WireDomain dom = a.readBool() ? WireDomain.read(a) : null;
            c.argsDone();
            supported(eventId);
            String name = null;
            if (dom != null) {
                try {
                    name = hv.lookupByUuid(dom.uuid().toString()).name();
                } catch (NoSuchDomainException e) {
                    throw LibvirtErrors.noDomain("no domain with matching uuid '" + dom.uuid() + "'");
                }
            }
            c.ret().writeInt(c.connection().events().register(eventId, name));
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", c -> {
            int id = c.args().readInt();
            c.argsDone();
            if (!c.connection().events().deregister(id)) {
                throw LibvirtErrors.invalidArg("no event callback with id " + id);
            }
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY", c -> {
            int eventId = c.args().readInt();
            c.argsDone();
            supported(eventId);
            c.connection().events().registerLegacy(eventId);
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", c -> {
            int eventId = c.args().readInt();
            c.argsDone();
            supported(eventId);
            c.connection().events().deregisterLegacy(eventId);
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER", c -> c.connection().events().registerLegacy(EventCallbacks.LIFECYCLE));
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER", c -> c.connection().events().deregisterLegacy(EventCallbacks.LIFECYCLE));
    }

    private static void supported(int eventId) {
        if (!EventCallbacks.SUPPORTED.contains(eventId)) {
            throw LibvirtErrors.noSupport("domain event " + eventId + " (jvirt sends lifecycle and reboot events only)");
        }
    }
}
