package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.GuestPaths;

/**
 * The outcome of the pure first phase of a start: the definition, the capabilities it is checked
 * against and where its runtime files will go. The host phase adds TAPs and volumes; the command
 * line is built from both.
 */
public record StartPlan(Domain definition, HostCapabilities capabilities, GuestPaths paths) {

    public String name() {
        return definition.name();
    }
}
