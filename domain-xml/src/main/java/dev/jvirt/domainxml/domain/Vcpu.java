package dev.jvirt.domainxml.domain;

/**
 * {@code <vcpu placement='static' current='2'>4</vcpu>}.
 *
 * @param count maximum vCPUs
 * @param current vCPUs online at boot, or null (all)
 * @param placement {@code static} or {@code auto}, or null
 * @param cpuset host CPU set, or null
 */
public record Vcpu(int count, Integer current, String placement, String cpuset) {}
