package dev.jvirt.vmmcore.host;

import dev.jvirt.domainxml.domain.NetInterface;

/**
 * Networks of one interface type ({@code network} or {@code bridge}): prepares the host side of
 * one NIC before QEMU starts.
 */
@FunctionalInterface
public interface NetworkBackend {

    /**
     * A TAP for interface {@code nic} of domain {@code domain}; {@code nicId} is the NIC's QEMU id
     * ({@code net0}, {@code net1}, ... by position), unique within the domain.
     *
     * @throws Exception when the host side cannot be made; the message names the network and why
     */
    Prepared<Tap> prepare(String domain, String nicId, NetInterface nic) throws Exception;

    /**
     * A TAP device, attached to its bridge: with {@code fd} (a descriptor of this process, which
     * QEMU inherits: {@code -netdev tap,fd=N}, with {@code vhostFd} for vhost-net, or -1) the TAP
     * lives exactly as long as the descriptors; without ({@code fd} -1), QEMU opens it by name
     * ({@code ifname=NAME,script=no,downscript=no}), made persistent and owned by QEMU's user.
     */
    record Tap(String ifname, int fd, int vhostFd) {
        public Tap {
            if (ifname == null || ifname.isEmpty() || ifname.length() > 15) {
                throw new IllegalArgumentException("a TAP name is 1 to 15 bytes: '" + ifname + "'");
            }
        }

        /** A TAP QEMU opens by name. */
        public Tap(String ifname) {
            this(ifname, -1, -1);
        }
    }
}
