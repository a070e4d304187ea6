package dev.jvirt.vmmcore.qemu.argv;

import java.util.Objects;

/**
 * The host side of a NIC that reaches the host through a TAP ({@code network}, {@code bridge},
 * {@code ethernet}) or a macvtap ({@code direct}): the driver prepares it, then tells the command
 * line how QEMU finds it. User-mode NICs need none.
 */
public sealed interface NetBackend {

    /**
     * A TAP the driver created (persistent, owned by QEMU's user) that QEMU opens by name:
     * {@code ifname=NAME,script=no,downscript=no}. Works with a plain {@link ProcessBuilder}.
     */
    record TapName(String ifname) implements NetBackend {
        public TapName {
            Objects.requireNonNull(ifname, "ifname");
        }
    }

    /**
     * A TAP (or macvtap) the driver opened and hands to QEMU as an inherited file descriptor:
     * {@code fd=N}, and {@code vhostfd=M} when the driver also opened {@code /dev/vhost-net}.
     * The launcher must keep those descriptors open, at those numbers, in QEMU's process.
     *
     * @param fd      the TAP descriptor number in QEMU's process
     * @param vhostFd the vhost-net descriptor number, or null for no vhost
     * @param ifname  the TAP's name (the live XML's {@code <target dev>}), or null; not on the command line
     */
    record TapFd(int fd, Integer vhostFd, String ifname) implements NetBackend {
        public TapFd {
            if (fd < 3 || (vhostFd != null && vhostFd < 3)) {
                throw new IllegalArgumentException("descriptors 0-2 are stdio, not TAPs: fd=" + fd + " vhostfd=" + vhostFd);
            }
        }

        public TapFd(int fd, Integer vhostFd) {
            this(fd, vhostFd, null);
        }
    }

    /**
     * For hotplug ({@code netdev_add}): a TAP the driver passed to the running QEMU with QMP
     * {@code getfd}, named {@code fdName} (and {@code vhostFdName} for vhost-net, or null). Not
     * usable on a command line, where no monitor exists yet.
     */
    record MonitorFd(String fdName, String vhostFdName) implements NetBackend {
        public MonitorFd {
            Objects.requireNonNull(fdName, "fdName");
        }
    }
}
