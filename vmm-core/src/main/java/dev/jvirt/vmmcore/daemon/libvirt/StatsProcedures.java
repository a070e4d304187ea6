package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainStats;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NoSuchDomainException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code virConnectGetAllDomainStats} / {@code virDomainListGetStats} ({@code virsh domstats}):
 * the facade's libvirt-keyed statistics as typed parameters.
 */
final class StatsProcedures {
    /** virDomainStatsTypes bits → jvirt's groups; 0 asks for every group. */
    private static final Map<Integer, DomainStats.Group> GROUPS = Map.of(1, DomainStats.Group.STATE,
            2, DomainStats.Group.CPU_TOTAL, 4, DomainStats.Group.BALLOON, 8, DomainStats.Group.VCPU,
            16, DomainStats.Group.INTERFACE, 32, DomainStats.Group.BLOCK);
    /** VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS: a group jvirt lacks is an error, not left out. */
    private static final long ENFORCE = 1L << 31;
    /** The flags that filter the domains, as connectListAllDomains's (active … other). */
    private static final long FILTERS = 0xff;
    private static final int INT = 1, LLONG = 3, ULLONG = 4, DOUBLE = 5, BOOLEAN = 6, STRING = 7;
    private final Hypervisor hv;

    StatsProcedures(Hypervisor hv) {
        this.hv = hv;
    }

    void register(ProcedureTable t) {
        t.on("REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS", c -> {
            XdrReader a = c.args();
            int n = a.readArrayLength(Protocol.DOMAIN_LIST_MAX);
            List<WireDomain> asked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                asked.add(WireDomain.read(a));
            }
            long stats = a.readUnsigned();
            long flags = a.readUnsigned();
            c.argsDone();
            Set<DomainStats.Group> groups = groups(stats, (flags & ENFORCE) != 0);
            List<DomainInfo> doms = new ArrayList<>();
            if (asked.isEmpty()) {
                hv.list().stream().filter(d -> DomainProcedures.matches(d, flags & FILTERS))
                        .sorted(Comparator.comparing(DomainInfo::name)).forEach(doms::add);
            } else {
                for (WireDomain w : asked) {
                    try {
                        doms.add(hv.lookupByUuid(w.uuid().toString()));
                    } catch (NoSuchDomainException e) {
                        throw LibvirtErrors.noDomain("no domain with matching uuid '" + w.uuid() + "' (" + w.name() + ")");
                    }
                }
            }
            XdrWriter w = c.ret();
            w.writeInt(doms.size());
            for (DomainInfo d : doms) {
                WireDomains.of(d).write(w);
                Map<String, Object> values = hv.monitoring().stats(d.name(), groups).stats();
                w.writeInt(values.size());
                values.forEach((k, v) -> param(w, k, v));
            }
        });
    }

    private static Set<DomainStats.Group> groups(long stats, boolean enforce) {
        if (stats == 0) {
            return DomainStats.ALL;
        }
        Set<DomainStats.Group> groups = EnumSet.noneOf(DomainStats.Group.class);
        for (int bit = 0; bit < 32; bit++) {
            long b = 1L << bit;
            if ((stats & b) != 0) {
                DomainStats.Group g = GROUPS.get((int) b);
                if (g != null) {
                    groups.add(g);
                } else if (enforce) {
                    throw LibvirtErrors.noSupport("domain statistics group " + b + " (jvirt has state, cpu-total, "
                            + "balloon, vcpu, interface and block)");
                }
            }
        }
        return groups;
    }

    private static void param(XdrWriter w, String field, Object v) {
        w.writeString(field);
        if (v instanceof Integer i) {
            w.writeInt(INT).writeInt(i);
        } else if (v instanceof Long l) {
            w.writeInt(l >= 0 ? ULLONG : LLONG).writeHyper(l);
        } else if (v instanceof Double d) {
            w.writeInt(DOUBLE).writeHyper(Double.doubleToLongBits(d));
        } else if (v instanceof Boolean b) {
            w.writeInt(BOOLEAN).writeInt(b ? 1 : 0);
        } else if (v instanceof Number n) {
            w.writeInt(LLONG).writeHyper(n.longValue());
        } else {
            w.writeInt(STRING).writeString(String.valueOf(v));
        }
    }
}
