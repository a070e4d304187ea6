package dev.jvirt.vmmcore;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code virsh dominfo} shows about one domain.
 *
 * @param id         libvirt's domain id while active: given at start, kept across daemon restarts
 * @param name       the domain's name
 * @param uuid       its UUID
 * @param type       {@code kvm} or {@code qemu}
 * @param status     state and reason
 * @param persistent whether a definition is stored (false: transient, gone when it stops)
 * @param autostart  whether it is started when the daemon starts
 * @param pid        QEMU's pid while active
 * @param memoryKiB  guest memory
 * @param vcpus      vCPUs at boot
 * @param cpuTimeNanos CPU time QEMU has used (user + system), 0 while shut off
 * @param title      the definition's {@code <title>}, or null
 *
 * <p>All of it is one moment's view of the domain: an id and a pid are there exactly when the state is
 * active (running, paused, crashed), and the CPU time is that pid's.
 */
public record DomainInfo(
        OptionalInt id,
        String name,
        String uuid,
        String type,
        DomainStatus status,
        boolean persistent,
        boolean autostart,
        OptionalLong pid,
        long memoryKiB,
        int vcpus,
        long cpuTimeNanos,
        String title) {

    public DomainState state() {
        return status.state();
    }

    public StateReason reason() {
        return status.reason();
    }
}
