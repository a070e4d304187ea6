package dev.jvirt.domainxml.domain;

/**
 * {@code <memtune>}: memory limits of the guest's cgroup, in KiB; null when not given.
 *
 * @param hardLimitKiB {@code <hard_limit>}
 * @param softLimitKiB {@code <soft_limit>}
 * @param swapHardLimitKiB {@code <swap_hard_limit>}
 * @param minGuaranteeKiB {@code <min_guarantee>}
 */
public record MemTune(Long hardLimitKiB, Long softLimitKiB, Long swapHardLimitKiB, Long minGuaranteeKiB) {}
