package dev.jvirt.vmmcore;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the host's QEMU binary and accelerator can do, probed once (and cached keyed by the
 * binary's identity). The QEMU command line is a pure function of a definition, these
 * capabilities and the guest's runtime paths.
 *
 * @param emulator          the QEMU binary probed, e.g. {@code /usr/bin/qemu-system-x86_64}
 * @param qemuVersion       QEMU's version, e.g. {@code 7.2.22}
 * @param machines          machine types the binary knows, aliases included (e.g. {@code pc}, {@code pc-i440fx-7.2})
 * @param machineAliases    alias → concrete machine type (e.g. {@code pc} → {@code pc-i440fx-7.2}, {@code q35} → {@code pc-q35-7.2})
 * @param deviceTypes       device types ({@code -device help}), e.g. {@code virtio-blk-pci}
 * @param kvm               whether KVM can run ordinary guests here, and if not why
 */
public record HostCapabilities(
        String emulator,
        String qemuVersion,
        Set<String> machines,
        Map<String, String> machineAliases,
        Set<String> deviceTypes,
        KvmSupport kvm) {

    public HostCapabilities {
        Objects.requireNonNull(emulator, "emulator");
        Objects.requireNonNull(qemuVersion, "qemuVersion");
        machines = Set.copyOf(machines);
        machineAliases = Map.copyOf(machineAliases);
        deviceTypes = Set.copyOf(deviceTypes);
        Objects.requireNonNull(kvm, "kvm");
    }

    /** The concrete machine type for {@code machine} ({@code pc} → {@code pc-i440fx-7.2}); itself if not an alias. */
    public String resolveMachine(String machine) {
        return machineAliases.getOrDefault(machine, machine);
    }

    /** Whether KVM can run guests here, and the reason when it cannot. */
    public record KvmSupport(boolean usable, String reason) {
        public static KvmSupport yes() {
            return new KvmSupport(true, "KVM is usable");
        }

        public static KvmSupport no(String reason) {
            return new KvmSupport(false, reason);
        }
    }
}
