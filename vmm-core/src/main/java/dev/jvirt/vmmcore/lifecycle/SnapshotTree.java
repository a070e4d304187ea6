package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.DomainSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The parent/child relations of a domain's snapshots, from their {@code <parent>} names. */
public final class SnapshotTree {

    private SnapshotTree() {
    }

    public static List<DomainSnapshot> children(List<DomainSnapshot> all, String name) {
        return all.stream().filter(s -> name.equals(s.parent())).toList();
    }

    /** Every descendant of {@code name}, each after its own descendants (the order to delete them in). */
    public static List<DomainSnapshot> descendantsLeavesFirst(List<DomainSnapshot> all, String name) {
        List<DomainSnapshot> out = new ArrayList<>();
        for (DomainSnapshot c : children(all, name)) {
            out.addAll(descendantsLeavesFirst(all, c.name()));
            out.add(c);
        }
        return out;
    }

    public static int descendantCount(List<DomainSnapshot> all, String name) {
        return descendantsLeavesFirst(all, name).size();
    }
}
