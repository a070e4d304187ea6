package dev.jvirt.domainxml.domain;

/**
 * A character device: {@code <serial>}, {@code <console>} or {@code <channel>} (which list it
 * sits in says which).
 *
 * @param type {@code pty|file|unix|tcp|udp|stdio|null|vc|spicevmc|pipe|dev}
 * @param source {@code <source>}, or null
 * @param protocol {@code <protocol type='raw|telnet'>} for tcp, or null
 * @param logFile {@code <log file>}, or null
 * @param logAppend {@code <log append>} on/off, or null
 * @param target {@code <target>}, or null
 * @param address {@code <address>}, or null
 */
public record CharDevice(
        String type,
        Source source,
        String protocol,
        String logFile,
        Boolean logAppend,
        Target target,
        Address address) {

    /** A copy with another address. */
    public CharDevice withAddress(Address a) {
        return new CharDevice(type, source, protocol, logFile, logAppend, target, a);
    }

    /** {@code <source mode='bind|connect' path host service append/>}. */
    public record Source(String mode, String path, String host, String service, Boolean append) {}

    /**
     * {@code <target>}: for serials type {@code isa-serial|pci-serial|usb-serial} and port; for
     * consoles type {@code serial|virtio}; for channels type {@code virtio} and name, e.g.
     * {@code org.qemu.guest_agent.0}.
     *
     * @param type target type, or null
     * @param port target port, or null
     * @param name channel name, or null
     * @param modelName {@code <model name>} inside a serial target, or null
     */
    public record Target(String type, Integer port, String name, String modelName) {}
}
