package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NoSuchDomainException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Domains: listing, lookups, define/undefine, the lifecycle and the per-domain queries. A domain
 * argument ({@code remote_nonnull_domain}) is found by its UUID, as libvirtd finds it, so a
 * client's handle stays valid across ids; every call goes to the {@link Hypervisor} facade.
 */
final class DomainProcedures {
    /** virConnectListAllDomainsFlags. */
    private static final int ACTIVE = 1, INACTIVE = 2, PERSISTENT = 4, TRANSIENT = 8, RUNNING = 16, PAUSED = 32,
            SHUTOFF = 64, OTHER = 128, MANAGEDSAVE = 256, NO_MANAGEDSAVE = 512, AUTOSTART = 1024, NO_AUTOSTART = 2048,
            HAS_SNAPSHOT = 4096, NO_SNAPSHOT = 8192, HAS_CHECKPOINT = 16384, NO_CHECKPOINT = 32768;
    private static final int XML_INACTIVE = 2;
    private static final int START_PAUSED = 1;
    private static final int DESTROY_GRACEFUL = 1;
    private final Hypervisor hv;

    DomainProcedures(Hypervisor hv) {
        this.hv = hv;
    }

    void register(ProcedureTable t) {
        t.query("REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS", this::listAll);
        t.query("REMOTE_PROC_CONNECT_NUM_OF_DOMAINS", c -> c.ret().writeInt(count(d -> d.state() != DomainState.SHUTOFF)));
        t.query("REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS", c -> c.ret().writeInt(count(d -> d.state() == DomainState.SHUTOFF)));
        t.query("REMOTE_PROC_CONNECT_LIST_DOMAINS", c -> {
            int max = max(c);
            List<Integer> ids = hv.list().stream().filter(d -> d.id().isPresent()).map(d -> d.id().getAsInt())
                    .sorted().limit(max).toList();
            c.ret().writeInt(ids.size());
            ids.forEach(c.ret()::writeInt);
        });
        t.query("REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS", c -> {
            int max = max(c);
            List<String> names = hv.list().stream().filter(d -> d.state() == DomainState.SHUTOFF).map(DomainInfo::name)
                    .sorted().limit(max).toList();
            c.ret().writeInt(names.size());
            names.forEach(c.ret()::writeString);
        });
        t.query("REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME", c -> {
            String name = c.args().readString();
            c.argsDone();
            DomainInfo d = byName(name);
            if (d == null) {
                throw LibvirtErrors.noDomain("no domain with matching name '" + name + "'");
            }
            WireDomains.of(d).write(c.ret());
        });
        t.query("REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID", c -> {
            String uuid = WireDomain.uuid(c.args().readFixedOpaque(Protocol.UUID_LEN)).toString();
            c.argsDone();
            DomainInfo d;
            try {
                d = hv.lookupByUuid(uuid);
            } catch (NoSuchDomainException e) {
                throw LibvirtErrors.noDomain("no domain with matching uuid '" + uuid + "'");
            }
            WireDomains.of(d).write(c.ret());
        });
        t.query("REMOTE_PROC_DOMAIN_LOOKUP_BY_ID", c -> {
            int id = c.args().readInt();
            c.argsDone();
            DomainInfo d = hv.list().stream().filter(x -> x.id().isPresent() && x.id().getAsInt() == id).findFirst()
                    .orElseThrow(() -> LibvirtErrors.noDomain("no domain with matching id " + id));
            WireDomains.of(d).write(c.ret());
        });

        t.on("REMOTE_PROC_DOMAIN_DEFINE_XML", c -> define(c, c.args().readString(), 0));
        t.on("REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS", c -> define(c, c.args().readString(), c.args().readUnsigned()));
        t.on("REMOTE_PROC_DOMAIN_CREATE_XML", c -> {
            String xml = c.args().readString();
            long flags = c.args().readUnsigned();
            c.argsDone();
            WireDomains.of(hv.createTransient(xml, (flags & START_PAUSED) != 0)).write(c.ret());
        });
        t.on("REMOTE_PROC_DOMAIN_UNDEFINE", c -> hv.undefine(domainArg(c, false)));
        t.on("REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS", c -> hv.undefine(domainArg(c, true)));
        t.on("REMOTE_PROC_DOMAIN_CREATE", c -> hv.start(domainArg(c, false), false));
        t.on("REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS", c -> {
            String name = domainName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            WireDomains.of(hv.start(name, (flags & START_PAUSED) != 0)).write(c.ret());
        });
        t.on("REMOTE_PROC_DOMAIN_DESTROY", c -> hv.destroy(domainArg(c, false)));
        t.on("REMOTE_PROC_DOMAIN_DESTROY_FLAGS", c -> {
            String name = domainName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            hv.destroy(name, (flags & DESTROY_GRACEFUL) != 0);
        });
        t.on("REMOTE_PROC_DOMAIN_SHUTDOWN", c -> hv.shutdown(domainArg(c, false), Duration.ZERO));
        t.on("REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS", c -> hv.shutdown(domainArg(c, true), Duration.ZERO));
        t.on("REMOTE_PROC_DOMAIN_REBOOT", c -> hv.reboot(domainArg(c, true)));
        t.on("REMOTE_PROC_DOMAIN_RESET", c -> hv.reset(domainArg(c, true)));
        t.on("REMOTE_PROC_DOMAIN_SUSPEND", c -> hv.suspend(domainArg(c, false)));
        t.on("REMOTE_PROC_DOMAIN_RESUME", c -> hv.resume(domainArg(c, false)));
        t.on("REMOTE_PROC_DOMAIN_SET_AUTOSTART", c -> {
            String name = domainName(c);
            boolean on = c.args().readInt() != 0;
            c.argsDone();
            hv.setAutostart(name, on);
        });

        t.query("REMOTE_PROC_DOMAIN_GET_INFO", c -> {
            DomainInfo d = infoArg(c, false);
            c.ret().writeInt(WireDomains.state(d.state())).writeHyper(d.memoryKiB()).writeHyper(d.memoryKiB())
                    .writeInt(d.vcpus()).writeHyper(d.cpuTimeNanos());
        });
        t.query("REMOTE_PROC_DOMAIN_GET_STATE", c -> {
            DomainInfo d = infoArg(c, true);
            c.ret().writeInt(WireDomains.state(d.state())).writeInt(WireDomains.reason(d.status()));
        });
        t.query("REMOTE_PROC_DOMAIN_GET_CONTROL_INFO", c -> {
            infoArg(c, true);
            c.ret().writeUnsigned(0).writeUnsigned(0).writeHyper(0); // VIR_DOMAIN_CONTROL_OK: no job runs longer than its call
        });
        t.query("REMOTE_PROC_DOMAIN_GET_XML_DESC", c -> {
            String name = domainName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            c.ret().writeString(hv.xml(name, (flags & XML_INACTIVE) != 0));
        });
        t.query("REMOTE_PROC_DOMAIN_GET_AUTOSTART", c -> c.ret().writeInt(infoArg(c, false).autostart() ? 1 : 0));
        t.query("REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE", c -> {
            infoArg(c, true);
            c.ret().writeInt(0); // jvirt has no managed save
        });
        t.query("REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE", c -> {
            infoArg(c, false);
            c.ret().writeString("posix").writeInt(0);
        });
        t.query("REMOTE_PROC_DOMAIN_GET_OS_TYPE", c -> {
            c.ret().writeString(hv.definition(domainArg(c, false), false).os().type());
        });
        t.query("REMOTE_PROC_DOMAIN_GET_MAX_MEMORY", c -> c.ret().writeHyper(infoArg(c, false).memoryKiB()));
        t.query("REMOTE_PROC_DOMAIN_GET_MAX_VCPUS", c -> c.ret().writeInt(infoArg(c, false).vcpus()));
        t.query("REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS", c -> c.ret().writeInt(infoArg(c, true).vcpus()));
        t.query("REMOTE_PROC_DOMAIN_IS_ACTIVE", c -> c.ret().writeInt(infoArg(c, false).status().isActive() ? 1 : 0));
        t.query("REMOTE_PROC_DOMAIN_IS_PERSISTENT", c -> c.ret().writeInt(infoArg(c, false).persistent() ? 1 : 0));
        t.query("REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL", c -> {
            infoArg(c, false);
            ConnectProcedures.charArray(c, ""); // the "none" model labels nothing
            c.ret().writeInt(0);
        });
        t.query("REMOTE_PROC_DOMAIN_IS_UPDATED", c -> {
            infoArg(c, false);
            c.ret().writeInt(0);
        });
    }

    /** The domain named exactly {@code name} (the facade also takes UUIDs and ids: those are not a name), or null. */
    private DomainInfo byName(String name) {
        try {
            DomainInfo d = hv.info(name);
            return d.name().equals(name) ? d : null;
        } catch (NoSuchDomainException e) {
            return null;
        }
    }

    private void define(Call c, String xml, long flags) {
        c.argsDone();
        WireDomains.of(hv.define(xml)).write(c.ret());
    }

    private void listAll(Call c) {
        XdrReader a = c.args();
        boolean needResults = a.readInt() != 0;
        long flags = a.readUnsigned();
        c.argsDone();
        List<DomainInfo> all = hv.list().stream().filter(d -> matches(d, flags))
                .sorted(Comparator.comparing(DomainInfo::name)).toList();
        XdrWriter w = c.ret();
        if (needResults) {
            w.writeInt(all.size());
            all.forEach(d -> WireDomains.of(d).write(w));
        } else {
            w.writeInt(0);
        }
        w.writeUnsigned(all.size());
    }

    static boolean matches(DomainInfo d, long f) {
        boolean active = d.status().isActive();
        if (!pair(f, ACTIVE, INACTIVE, active)
                || !pair(f, PERSISTENT, TRANSIENT, d.persistent())
                || !pair(f, AUTOSTART, NO_AUTOSTART, d.autostart())
                || !pair(f, MANAGEDSAVE, NO_MANAGEDSAVE, false)
                || !pair(f, HAS_SNAPSHOT, NO_SNAPSHOT, false)
                || !pair(f, HAS_CHECKPOINT, NO_CHECKPOINT, false)) {
            return false;
        }
        long states = f & (RUNNING | PAUSED | SHUTOFF | OTHER);
        if (states == 0) {
            return true;
        }
        long mine = switch (d.state()) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case SHUTOFF -> SHUTOFF;
            case CRASHED -> OTHER;
        };
        return (states & mine) != 0;
    }

    /** A filter pair: neither or both set means no filter; else the property must agree with the one set. */
    static boolean pair(long f, int yes, int no, boolean value) {
        boolean y = (f & yes) != 0;
        boolean n = (f & no) != 0;
        return y == n || (y ? value : !value);
    }

    private int count(Predicate<DomainInfo> p) {
        return (int) hv.list().stream().filter(p).count();
    }

    private static int max(Call c) {
        int max = c.args().readInt();
        c.argsDone();
        if (max < 0 || max > Protocol.DOMAIN_LIST_MAX) {
            throw LibvirtErrors.invalidArg("the list size must be 0.." + Protocol.DOMAIN_LIST_MAX + ", not " + max);
        }
        return max;
    }

    /** The name of the domain a {@code remote_nonnull_domain} argument names, by its UUID (then its name). */
    String domainName(Call c) {
        return domain(c).name();
    }

    /** The domain a {@code remote_nonnull_domain} argument names, by its UUID: one lookup answers a query. */
    private DomainInfo domain(Call c) {
        WireDomain w = WireDomain.read(c.args());
        try {
            return hv.lookupByUuid(w.uuid().toString());
        } catch (NoSuchDomainException e) {
            throw LibvirtErrors.noDomain("no domain with matching uuid '" + w.uuid() + "' (" + w.name() + ")");
        }
    }

    /** {@link #domain}, for a query whose arguments are the domain (and, with {@code flags}, an unsigned flags word). */
    private DomainInfo infoArg(Call c, boolean flags) {
        DomainInfo d = domain(c);
        if (flags) {
            c.args().readUnsigned();
        }
        c.argsDone();
        return d;
    }

    /** {@link #domainName}, for a call whose arguments are the domain (and, with {@code flags}, an unsigned flags word). */
    private String domainArg(Call c, boolean flags) {
        String name = domainName(c);
        if (flags) {
            c.args().readUnsigned();
        }
        c.argsDone();
        return name;
    }
}
