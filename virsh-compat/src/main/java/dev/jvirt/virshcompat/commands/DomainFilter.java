package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * virsh list's filters (virConnectListAllDomains flags): groups combine with AND, flags within a
 * group with OR, and a group with no flag set does not filter.
 */
final class DomainFilter {

    boolean active = true;
    boolean inactive;
    boolean persistent;
    boolean transientOnly;
    boolean running;
    boolean paused;
    boolean shutoff;
    boolean other;
    boolean autostart;
    boolean noAutostart;

    List<Domains.Summary> apply(List<Domains.Summary> domains) {
        List<Domains.Summary> out = new ArrayList<>();
        for (Domains.Summary d : domains) {
            if (matches(d)) {
                out.add(d);
            }
        }
        return out;
    }

    boolean matches(Domains.Summary d) {
        boolean isActive = isActive(d);
        if (!(isActive ? active : inactive)) {
            return false;
        }
        if ((persistent || transientOnly) && !(d.persistent() ? persistent : transientOnly)) {
            return false;
        }
        if (running || paused || shutoff || other) {
            String s = d.state();
            boolean ok = "running".equals(s) ? running
                    : "paused".equals(s) ? paused
                    : "shut off".equals(s) ? shutoff
                    : other;
            if (!ok) {
                return false;
            }
        }
        return !(autostart || noAutostart) || (d.autostart() ? autostart : noAutostart);
    }

    static boolean isActive(Domains.Summary d) {
        return d.id() != null || !"shut off".equals(d.state());
    }

    /** virsh's order: active domains by id, then inactive ones by name, ignoring case. */
    static List<Domains.Summary> sorted(List<Domains.Summary> domains) {
        List<Domains.Summary> copy = new ArrayList<>(domains);
        copy.sort(new VirshOrder());
        return copy;
    }

    /** A plain class rather than lambdas: lambdas cost start-up time on this path. */
    private static final class VirshOrder implements Comparator<Domains.Summary> {
        @Override
        public int compare(Domains.Summary a, Domains.Summary b) {
            if (a.id() != null && b.id() != null) {
                return Long.compare(a.id(), b.id());
            }
            if (a.id() != null || b.id() != null) {
                return a.id() != null ? -1 : 1;
            }
            return String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name());
        }
    }
}
