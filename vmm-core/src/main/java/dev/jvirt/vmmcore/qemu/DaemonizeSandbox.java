package dev.jvirt.vmmcore.qemu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * QEMU 7.2 installs its seccomp filter before it daemonizes, so with {@code -daemonize}
 * {@code -sandbox ...,spawn=deny} kills it with SIGSYS (fork) and {@code elevateprivileges=deny}
 * makes it exit 1 (setsid). Measured on this host; libvirt does not daemonize, so its sandbox
 * line does not carry over. Until the command line builder leaves these two out when it
 * daemonizes, the driver drops them from the {@code -sandbox} value of a daemonizing argv.
 */
public final class DaemonizeSandbox {
    private static final List<String> INCOMPATIBLE = List.of("spawn=deny", "elevateprivileges=deny");

    private DaemonizeSandbox() {
    }

    public static List<String> adjust(List<String> argv) {
        if (!argv.contains("-daemonize")) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("-sandbox")) {
                out.set(i + 1, Arrays.stream(out.get(i + 1).split(","))
                        .filter(p -> !INCOMPATIBLE.contains(p)).collect(Collectors.joining(",")));
            }
        }
        return List.copyOf(out);
    }
}
