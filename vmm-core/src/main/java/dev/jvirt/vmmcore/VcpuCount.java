package dev.jvirt.vmmcore;

/**
 * A domain's vCPU counts (virsh vcpucount): the stored definition's maximum and current, and
 * while it runs the live ones (null when it does not). A transient domain has no config counts (null).
 */
public record VcpuCount(Integer maximumConfig, Integer currentConfig, Integer maximumLive, Integer currentLive) {
}
