package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Graphics;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -vnc}, {@code -spice}, or {@code -display none} when there is no graphics. Passwords are
 * never put on the command line (it is world-readable in /proc): with a password, VNC gets
 * {@code password=on} and spice keeps ticketing on, and the driver sets the password over QMP
 * ({@code set_password}) before {@code cont}. VNC with autoport takes the first free display
 * from :0 to :99 ({@code to=99}); the driver reads the port with {@code query-vnc}.
 */
final class GraphicsArgs {

    /** Where SPICE's TLS certificates are, libvirt's default ({@code spice_tls_x509_cert_dir}), so existing set-ups keep working. */
    static final String SPICE_X509_DIR = "/etc/pki/libvirt-spice";

    private GraphicsArgs() {}

    static List<String> of(BuildContext ctx) {
        List<Graphics> all = ctx.def.devices().graphics();
        List<String> out = new ArrayList<>();
        if (all.isEmpty()) {
            return List.of("-display", "none");
        }
        boolean vnc = false;
        boolean spice = false;
        for (Graphics g : all) {
            String type = g.type() == null ? "" : g.type();
            switch (type) {
                case "vnc" -> {
                    if (vnc) {
                        throw new CommandLineException("graphics vnc", "only one VNC display is supported");
                    }
                    vnc = true;
                    out.add("-vnc");
                    out.add(vnc(g, SoundDevices.needsAudiodev(ctx) ? SoundDevices.audioId(ctx) : null));
                }
                case "spice" -> {
                    if (spice) {
                        throw new CommandLineException("graphics spice", "only one spice display is supported");
                    }
                    spice = true;
                    out.add("-spice");
                    out.add(spice(g));
                }
                default -> throw new CommandLineException("graphics " + type, "type is not supported; use vnc or spice");
            }
        }
        return out;
    }

    private static String vnc(Graphics g, String audiodev) {
        Graphics.Listen l = g.listens().isEmpty() ? null : g.listens().get(0);
        if (l != null && "none".equals(l.type())) {
            return "none";
        }
        QemuOpts o;
        if (l != null && "socket".equals(l.type())) {
            if (l.socket() == null) {
                throw new CommandLineException("graphics vnc", "<listen type='socket'> needs a socket path");
            }
            o = QemuOpts.of("unix:" + CharBackends.socketPath(l.socket(), "graphics vnc"));
        } else {
            String display;
            boolean auto = Boolean.TRUE.equals(g.autoport()) || g.port() == null || g.port() == -1;
            if (auto) {
                display = "0";
            } else if (g.port() < 5900 || g.port() > 65535) {
                throw new CommandLineException("graphics vnc", "port " + g.port() + " is below 5900; VNC ports are 5900 + display");
            } else {
                display = Integer.toString(g.port() - 5900);
            }
            o = QemuOpts.of(host(listenAddress(g, l)) + ":" + display);
            if (auto) {
                o.add("to", 99);
            }
        }
        if (g.passwd() != null) {
            o.onOff("password", true);
        }
        if (audiodev != null) {
            o.add("audiodev", audiodev);
        }
        return o.build();
    }

    private static String spice(Graphics g) {
        if (Boolean.TRUE.equals(g.glEnable())) {
            throw new CommandLineException("graphics spice", "<gl enable='yes'> is not supported (it needs a render node and no daemonizing)");
        }
        if (g.port() == null || g.port() <= 0) {
            throw new CommandLineException("graphics spice", "has no port: the driver chooses one for autoport at start"
                    + " (this command line was asked for before that)");
        }
        QemuOpts o = QemuOpts.ofPair("port", g.port().toString());
        if (g.tlsPort() != null) {
            if (g.tlsPort() <= 0) {
                throw new CommandLineException("graphics spice", "has no tlsPort: the driver chooses one for autoport at start");
            }
            o.add("tls-port", g.tlsPort());
        }
        o.add("addr", listenAddress(g, g.listens().isEmpty() ? null : g.listens().get(0)));
        if (g.passwd() == null) {
            o.onOff("disable-ticketing", true);
        }
        if (g.tlsPort() != null) {
            o.add("x509-dir", SPICE_X509_DIR);
        }
        if (g.imageCompression() != null) {
            o.add("image-compression", g.imageCompression());
        }
        return o.onOff("seamless-migration", true).build();
    }

    private static String listenAddress(Graphics g, Graphics.Listen l) {
        if (l != null && l.address() != null) {
            return l.address();
        }
        if (l != null && "network".equals(l.type())) {
            throw new CommandLineException("graphics " + g.type(), "<listen type='network'> is not supported; give an address");
        }
        return g.listen() != null ? g.listen() : "127.0.0.1";
    }

    private static String host(String address) {
        if (address.contains(":") && !address.startsWith("[")) {
            return "[" + address + "]";
        }
        return address;
    }
}
