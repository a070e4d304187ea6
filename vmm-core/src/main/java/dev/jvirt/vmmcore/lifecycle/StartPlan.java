package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.util.List;

/** The outcome of the pure first phase of a start: what would run, and where its files would go. */
public record StartPlan(Domain definition, GuestPaths paths, List<String> argv) {

    public StartPlan {
        argv = List.copyOf(argv);
    }
}
