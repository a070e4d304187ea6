package dev.jvirt.virshcompat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jvirsh version}: the client's version (the daemon's joins it once jvirtd serves its API). */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Show the version of jvirsh.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().printf("Compiled against library: jvirt %s%n", JvirtVersion.version());
    }
}
