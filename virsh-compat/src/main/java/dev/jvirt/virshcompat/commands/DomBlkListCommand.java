package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domblklist}: the block devices of a domain. */
@Command(name = "domblklist", mixinStandardHelpOptions = true,
        description = {"List the block devices (disks, CD-ROMs) of a domain: target and source, with --details also type and device."})
public final class DomBlkListCommand extends DomainCommand {

    @Option(names = "--details", description = "Also show the type (file, block...) and device (disk, cdrom...).")
    boolean details;

    @Option(names = "--inactive", description = "Get the inactive (stored) definition rather than the running one.")
    boolean inactive;

    @Override
    protected void execute() {
        out().print(Formats.blockDevices(client().blockDevices(name(), inactive), details));
    }
}
