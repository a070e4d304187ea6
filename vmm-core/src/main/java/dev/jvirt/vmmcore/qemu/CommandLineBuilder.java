package dev.jvirt.vmmcore.qemu;

import dev.jvirt.domainxml.domain.Domain;
import java.util.List;

/**
 * The QEMU command line of a domain: a pure function of the definition, the host's capabilities
 * and the guest's runtime paths. The full argv, binary first, with {@code -S}, {@code -daemonize},
 * {@code -pidfile}, the QMP socket and the console socket chardev.
 */
@FunctionalInterface
public interface CommandLineBuilder {
    List<String> build(Domain definition, HostCapabilities capabilities, GuestPaths paths);
}
