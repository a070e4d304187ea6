package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.CharDevice;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code -chardev} option strings for serials, consoles and channels (QEMU 7.2 has no JSON form
 * for {@code -chardev}). Every path and host is escaped.
 */
final class CharBackends {

    private CharBackends() {}

    /** The id of the console hub's serial chardev, which the Hypervisor swaps for its FIFOs. */
    static final String CONSOLE_HUB_CHARDEV = GuestPaths.CONSOLE_HUB_CHARDEV;

    /**
     * The console hub's chardev for a serial port: {@code null} until the Hypervisor's console hub,
     * before the guest runs, swaps it (QMP {@code chardev-change}) for a {@code file} chardev writing
     * into and reading from FIFOs the hub owns. Not a socket: the 16550 sends one byte per write, and
     * a unix socket's buffer holds only a few hundred one-byte messages, so the guest would print at
     * the pace of the reader's wake-ups; a FIFO holds 64 KiB and QEMU's write fails (the byte is
     * dropped, the guest goes on) when the daemon is gone. QEMU keeps no log of its own: its
     * {@code logfile=} would grow without bound; the hub's is rotated.
     */
    static Backend.Chardev consoleHubFifos() {
        return new Backend.Chardev(CONSOLE_HUB_CHARDEV, QemuOpts.of("null").add("id", CONSOLE_HUB_CHARDEV).build());
    }

    /**
     * The console hub's chardev for a frontend that cannot swap backends (virtconsole, usb-serial):
     * a unix socket the console hub connects to before the guest runs. Virtio consoles write whole
     * buffers, so the socket's per-message cost does not bind them.
     */
    static Backend.Chardev consoleHubSocket(BuildContext ctx, String id) {
        return new Backend.Chardev(id, QemuOpts.of("socket").add("id", id)
                .add("path", socketPath(ctx.paths.consoleSocket().toString(), "console"))
                .onOff("server", true).onOff("wait", false)
                .build());
    }

    /**
     * The chardev for one character device.
     *
     * @param defaultSocket the socket path for a unix chardev that names none (channels), or null
     */
    static Backend.Chardev of(CharDevice c, String id, String what, Path defaultSocket) {
        String type = c.type() == null ? "pty" : c.type();
        CharDevice.Source s = c.source();
        QemuOpts o;
        switch (type) {
            case "pty" -> o = QemuOpts.of("pty").add("id", id);
            case "null" -> o = QemuOpts.of("null").add("id", id);
            case "file" -> {
                o = QemuOpts.of("file").add("id", id).add("path", path(s, what));
                if (s.append() != null) {
                    o.onOff("append", s.append());
                }
            }
            case "pipe" -> o = QemuOpts.of("pipe").add("id", id).add("path", path(s, what));
            case "dev" -> o = QemuOpts.of("serial").add("id", id).add("path", path(s, what));
            case "unix" -> {
                // a path libvirt made for a channel (live XML: .../qemu/channel/target/domain-N-NAME/...) is
                // libvirt's run-time state, as libvirt itself drops it on define: the channel gets jvirt's
                boolean libvirtsOwn = s != null && s.path() != null && LIBVIRT_CHANNEL_PATH.matcher(s.path()).find();
                String p = s != null && s.path() != null && !(libvirtsOwn && defaultSocket != null) ? s.path()
                        : defaultSocket != null ? defaultSocket.toString() : path(s, what);
                o = QemuOpts.of("socket").add("id", id).add("path", socketPath(p, what));
                if (s == null || !"connect".equals(s.mode())) {
                    o.onOff("server", true).onOff("wait", false);
                }
            }
            case "tcp" -> {
                if (s == null || s.host() == null || s.service() == null) {
                    throw new CommandLineException(what, "type tcp needs <source host service>");
                }
                o = QemuOpts.of("socket").add("id", id).add("host", s.host()).add("port", s.service());
                if ("telnet".equals(c.protocol())) {
                    o.onOff("telnet", true);
                } else if (c.protocol() != null && !"raw".equals(c.protocol())) {
                    throw new CommandLineException(what, "protocol '" + c.protocol() + "' is not supported; use raw or telnet");
                }
                if ("bind".equals(s.mode())) {
                    o.onOff("server", true).onOff("wait", false);
                }
            }
            case "spicevmc" -> o = QemuOpts.of("spicevmc").add("id", id).add("name", "vdagent");
            default -> throw new CommandLineException(what, "type '" + type
                    + "' is not supported; use pty, file, unix, tcp, pipe, dev, null" + ("stdio".equals(type) ? " (QEMU runs daemonized)" : ""));
        }
        if (c.logFile() != null) {
            o.add("logfile", c.logFile());
            if (c.logAppend() != null) {
                o.onOff("logappend", c.logAppend());
            }
        }
        return new Backend.Chardev(id, o.build());
    }

    /**
     * A unix socket path, checked against the kernel's limit (107 bytes in {@code sun_path}) so a
     * long domain name or runtime dir fails here, clearly, rather than in QEMU.
     */
    private static final java.util.regex.Pattern LIBVIRT_CHANNEL_PATH =
            java.util.regex.Pattern.compile("/qemu/channel/target/domain-[0-9]+-[^/]+/[^/]+$");

    static String socketPath(String path, String what) {
        if (path.getBytes(StandardCharsets.UTF_8).length > 107) {
            throw new CommandLineException(what, "unix socket path is longer than 107 bytes: " + path
                    + " (use a shorter domain name or runtime directory)");
        }
        return path;
    }

    private static String path(CharDevice.Source s, String what) {
        if (s == null || s.path() == null) {
            throw new CommandLineException(what, "needs <source path>");
        }
        return s.path();
    }
}
