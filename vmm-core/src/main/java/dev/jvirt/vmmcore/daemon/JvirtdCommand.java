package dev.jvirt.vmmcore.daemon;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * jvirtd's command line as picocli's model: the one declaration behind {@code jvirtd --help},
 * the parsing ({@link DaemonOptions#parse}) and the {@code jvirtd(8)} man page the build writes.
 */
@Command(name = "jvirtd",
        mixinStandardHelpOptions = true,
        versionProvider = JvirtdCommand.Version.class,
        sortOptions = false,
        description = {"The jvirt daemon: runs QEMU guests and serves jvirsh over a unix socket.",
            "",
            "In system mode (root) QEMU runs as the unprivileged user jvirt-qemu, and members of the group "
                    + "jvirt may use the socket /run/jvirt/jvirtd.sock. Guests are QEMU processes of their own "
                    + "and outlive the daemon, as does the console keeper that logs their consoles: a restarted "
                    + "jvirtd finds and reconnects to them."},
        footerHeading = "%nFiles:%n",
        footer = {"  /var/lib/jvirt/qemu/NAME.xml   system mode: a domain's definition",
            "  /var/lib/jvirt/log/jvirtd.log  system mode: the daemon's log (also on stderr, the journal under systemd)",
            "  /run/jvirt/jvirtd.sock         system mode: the API socket",
            "  /run/jvirt/libvirt-sock        system mode: libvirt's RPC protocol, for stock virsh, libvirt-java,",
            "                                 python3-libvirt (virsh -c 'qemu+unix:///system?socket=/run/jvirt/libvirt-sock')",
            "",
            "SIGTERM stops the daemon; guests keep running."})
final class JvirtdCommand {

    @Option(names = "--system", description = "vmm:///system: /var/lib/jvirt, /run/jvirt (needs root; the default for root).")
    boolean system;

    @Option(names = "--session",
            description = "vmm:///session: $XDG_DATA_HOME/jvirt, $XDG_RUNTIME_DIR/jvirt (the default for other users).")
    boolean session;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep definitions and logs in DIR instead.")
    String stateDir;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "Keep sockets, pids and live state in DIR instead (sockets: DIR/jvirtd.sock, DIR/libvirt-sock).")
    String runtimeDir;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging.")
    boolean verbose;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            description = "A request must arrive completely within SECONDS of its first byte (default 30).")
    String requestTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close a connection idle for SECONDS between requests (default 300).")
    String idleTimeout;

    /** The version the jar's manifest carries. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = JvirtdCommand.class.getPackage().getImplementationVersion();
            return new String[] {version == null ? "unknown" : version};
        }
    }
}
