package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NoSuchDomainException;

/**
 * Event registration. Lifecycle events only (event id 0): jvirt's facade publishes those; any
 * other id answers VIR_ERR_NO_SUPPORT, which {@code virsh event --all} takes as an older server.
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
            lifecycleOnly(eventId);
            String name = null;
            if (dom != null) {
                try {
                    name = hv.lookupByUuid(dom.uuid().toString()).name();
                } catch (NoSuchDomainException e) {
                    throw LibvirtErrors.noDomain("no domain with matching uuid '" + dom.uuid() + "'");
                }
            }
            c.ret().writeInt(c.connection().events().register(name));
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", c -> {
            int id = c.args().readInt();
            c.argsDone();
            if (!c.connection().events().deregister(id)) {
                throw LibvirtErrors.invalidArg("no event callback with id " + id);
            }
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY", c -> {
            lifecycleOnly(c.args().readInt());
            c.argsDone();
            c.connection().events().registerLegacy();
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", c -> {
            lifecycleOnly(c.args().readInt());
            c.argsDone();
            c.connection().events().deregisterLegacy();
        });
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER", c -> c.connection().events().registerLegacy());
        t.query("REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER", c -> c.connection().events().deregisterLegacy());
    }

    private static void lifecycleOnly(int eventId) {
        if (eventId != EventCallbacks.LIFECYCLE) {
            throw LibvirtErrors.noSupport("domain event " + eventId + " (jvirt sends lifecycle events only)");
        }
    }
}
