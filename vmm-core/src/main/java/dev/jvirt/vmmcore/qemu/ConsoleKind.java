package dev.jvirt.vmmcore.qemu;

import java.nio.file.Path;
import java.util.List;

/**
 * How a guest's console reaches the Hypervisor's console hub, as its command line set it up:
 * decided once by the command-line builder and recorded in the runtime record, so a takeover
 * knows it without reading the argv.
 */
public enum ConsoleKind {
    /** No serial or console. */
    NONE,
    /** A serial port on the swappable {@code null} chardev {@link GuestPaths#CONSOLE_HUB_CHARDEV}, swapped for FIFOs. */
    SERIAL_FIFOS,
    /** A virtio or USB console on the unix socket {@link GuestPaths#consoleSocket()}. */
    SOCKET;

    /**
     * The kind of a guest launched by a jvirtd that did not record it yet (runtime records
     * before the kind was recorded), read from its command line. Only a takeover of such a guest
     * calls this; every start records the kind its command-line builder chose.
     */
    public static ConsoleKind legacy(List<String> argv) {
        if (argv.contains("null,id=" + GuestPaths.CONSOLE_HUB_CHARDEV)) {
            return SERIAL_FIFOS;
        }
        String socket = "/" + new GuestPaths(Path.of("/")).consoleSocket().getFileName();
        return argv.stream().anyMatch(a -> a.contains(socket)) ? SOCKET : NONE;
    }
}
