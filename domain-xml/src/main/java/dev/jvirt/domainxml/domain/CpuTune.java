package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <cputune>}: CPU shares, bandwidth and pinning. Periods are microseconds, quotas
 * microseconds (negative for unlimited), as libvirt has them.
 *
 * @param shares {@code <shares>}, or null
 * @param period {@code <period>}, or null
 * @param quota {@code <quota>}, or null
 * @param globalPeriod {@code <global_period>}, or null
 * @param globalQuota {@code <global_quota>}, or null
 * @param emulatorPeriod {@code <emulator_period>}, or null
 * @param emulatorQuota {@code <emulator_quota>}, or null
 * @param iothreadPeriod {@code <iothread_period>}, or null
 * @param iothreadQuota {@code <iothread_quota>}, or null
 * @param vcpupins {@code <vcpupin vcpu cpuset>} in order
 * @param emulatorpin {@code <emulatorpin cpuset>}, or null
 * @param iothreadpins {@code <iothreadpin iothread cpuset>} in order
 */
public record CpuTune(
        Long shares,
        Long period, Long quota,
        Long globalPeriod, Long globalQuota,
        Long emulatorPeriod, Long emulatorQuota,
        Long iothreadPeriod, Long iothreadQuota,
        List<Pin> vcpupins,
        String emulatorpin,
        List<Pin> iothreadpins) {

    /** Normalises the lists. */
    public CpuTune {
        vcpupins = vcpupins == null ? List.of() : List.copyOf(vcpupins);
        iothreadpins = iothreadpins == null ? List.of() : List.copyOf(iothreadpins);
    }

    /** A pin of one vCPU or I/O thread (by id) to a host CPU set such as {@code 0-3,^2}. */
    public record Pin(Integer id, String cpuset) {}
}
