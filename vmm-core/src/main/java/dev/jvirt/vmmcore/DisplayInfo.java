package dev.jvirt.vmmcore;

/**
 * One graphical display of a running domain as QEMU serves it (virsh domdisplay, vncdisplay):
 * {@code vnc} or {@code spice}, the address it listens on and its port (a TLS port for SPICE, or null).
 */
public record DisplayInfo(String type, String host, int port, Integer tlsPort) {
}
