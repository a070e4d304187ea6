package dev.jvirt.vmmcore;

import java.util.List;

/**
 * One vCPU of a running domain (virsh vcpuinfo): its number, the host CPU its thread last ran
 * on (-1 when unknown), its state, the CPU time it used and the host CPUs it may run on.
 */
public record VcpuInfo(int vcpu, int cpu, String state, long cpuTimeNanos, List<Integer> affinity) {
    public VcpuInfo {
        affinity = List.copyOf(affinity);
    }
}
