package dev.jvirt.vmmcore;

import java.util.List;

/** One I/O thread of a domain (virsh iothreadinfo): its number and the host CPUs it may run on. */
public record IothreadInfo(int id, List<Integer> affinity) {
    public IothreadInfo {
        affinity = List.copyOf(affinity);
    }
}
