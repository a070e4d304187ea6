package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.GuestPaths;

/**
 * The QEMU command line of a domain: a pure function of the definition, the host's capabilities,
 * the guest's runtime paths and the launch options the host phase of a start prepared (TAPs).
 * The full argv, binary first, with {@code -S}, {@code -daemonize}, {@code -pidfile}, the QMP
 * socket and the console hub's chardev, and the devices it is made of.
 * {@link QemuCommandLine#plan} is the one the Hypervisor uses; tests may wrap it.
 */
@FunctionalInterface
public interface CommandLineBuilder {
    CommandLinePlan plan(Domain definition, HostCapabilities capabilities, GuestPaths paths, LaunchOptions options);
}
