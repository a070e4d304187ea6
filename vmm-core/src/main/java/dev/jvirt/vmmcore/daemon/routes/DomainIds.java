package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.vmmcore.DomainInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * libvirt's domain ids: a small number per run of a domain, given when the daemon first sees the
 * domain active with a new QEMU pid (a domain that restarts gets a new id); null when shut off.
 */
public final class DomainIds {
    private record Run(long pid, int id) {
    }

    private final Map<String, Run> runs = new HashMap<>();
    private int next = 1;

    public synchronized Integer id(DomainInfo info) {
        if (info.pid().isEmpty() || !info.status().isActive()) {
            return null;
        }
        long pid = info.pid().getAsLong();
        Run r = runs.get(info.name());
        if (r == null || r.pid() != pid) {
            r = new Run(pid, next++);
            runs.put(info.name(), r);
        }
        return r.id();
    }
}
