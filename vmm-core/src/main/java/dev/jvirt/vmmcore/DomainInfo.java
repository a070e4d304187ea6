package dev.jvirt.vmmcore;

import java.util.OptionalLong;

/**
 * What {@code virsh dominfo} shows about one domain.
 *
 * @param name       the domain's name
 * @param uuid       its UUID
 * @param type       {@code kvm} or {@code qemu}
 * @param status     state and reason
 * @param persistent whether a definition is stored (false: transient, gone when it stops)
 * @param autostart  whether it is started when the daemon starts
 * @param pid        QEMU's pid while active
 * @param memoryKiB  guest memory
 * @param vcpus      vCPUs at boot
 */
public record DomainInfo(
        String name,
        String uuid,
        String type,
        DomainStatus status,
        boolean persistent,
        boolean autostart,
        OptionalLong pid,
        long memoryKiB,
        int vcpus) {

    public DomainState state() {
        return status.state();
    }

    public StateReason reason() {
        return status.reason();
    }
}
