package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Host;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.JvirtVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh version}: the versions of jvirsh, of the API, of QEMU and (with --daemon) of jvirtd, as virsh prints them. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Show the versions of jvirsh, of the API, of the hypervisor (QEMU) and, with --daemon, of jvirtd."})
public final class VersionCommand extends JvirshCommand {

    @Option(names = "--daemon", description = "Also report the version of the daemon (jvirtd).")
    boolean daemon;

    @Override
    protected void execute() {
        String v = JvirtVersion.version();
        Host.ServerInfo server = client().server();
        String qemu = client().qemuVersion();
        out().println("Compiled against library: jvirt " + v);
        out().println("Using library: jvirt " + v);
        out().println("Using API: jvirtd " + server.apiVersion());
        out().println("Running hypervisor: QEMU " + qemu);
        if (daemon) {
            out().println("Running against daemon: " + server.version());
        }
    }
}
