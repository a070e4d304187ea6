package dev.jvirt.vmmcore.daemon;

import java.io.PrintStream;

/**
 * Entry point of {@code bin/jvirtd}. The daemon itself (API over a unix socket, events,
 * autostart) is the jvirtd issue's work; until it lands this entry point answers --help and
 * --version and refuses to pretend it can serve.
 */
public final class JvirtdMain {

    private JvirtdMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        String version = JvirtdMain.class.getPackage().getImplementationVersion();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(version == null ? "unknown" : version);
            return 0;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("Usage: jvirtd [--session|--system] [--help] [--version]");
            out.println("The jvirt daemon: runs QEMU guests and serves jvirsh over a unix socket.");
            return 0;
        }
        err.println("jvirtd: the daemon cannot serve yet: its API server is not built in this version.");
        return 1;
    }
}
