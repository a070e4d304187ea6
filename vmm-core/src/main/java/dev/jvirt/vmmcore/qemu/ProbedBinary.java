package dev.jvirt.vmmcore.qemu;

import dev.jvirt.vmmcore.HostCapabilities;
import java.util.Map;
import java.util.Set;

/** What probing a QEMU binary found (cached on disk as JSON; KVM is probed afresh every time). */
public record ProbedBinary(
        BinaryIdentity identity,
        String emulator,
        String qemuVersion,
        Set<String> machines,
        Map<String, String> machineAliases,
        Set<String> deviceTypes) {

    public ProbedBinary {
        machines = Set.copyOf(machines);
        machineAliases = Map.copyOf(machineAliases);
        deviceTypes = Set.copyOf(deviceTypes);
    }

    public HostCapabilities with(HostCapabilities.KvmSupport kvm) {
        return new HostCapabilities(emulator, qemuVersion, machines, machineAliases, deviceTypes, kvm);
    }
}
