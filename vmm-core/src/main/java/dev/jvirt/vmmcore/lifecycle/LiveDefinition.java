package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import dev.jvirt.vmmcore.HostCapabilities;

/**
 * A running guest's definition as libvirt's live XML has it: the machine type QEMU runs (the
 * alias resolved, {@code pc} → {@code pc-i440fx-7.2}) and the {@code <emulator>} that runs it.
 * The command line is the same for both (it resolves the alias itself).
 */
final class LiveDefinition {

    private LiveDefinition() {
    }

    static Domain of(Domain def, HostCapabilities caps, String emulator) {
        Domain d = def;
        Os os = d.os();
        if (os != null && os.machine() != null) {
            d = d.withOs(os.withMachine(caps.resolveMachine(os.machine())));
        }
        if (d.devices().emulator() == null && emulator != null) {
            d = d.withDevices(d.devices().withEmulator(emulator));
        }
        return d;
    }
}
