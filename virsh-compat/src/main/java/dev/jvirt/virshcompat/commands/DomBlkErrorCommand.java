package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh domblkerror}: the disks QEMU stopped on with an I/O error, as virsh prints them. */
@Command(name = "domblkerror", mixinStandardHelpOptions = true,
        description = {"Show the I/O errors of a running domain's disks (what paused it with reason ioerror): "
                + "each disk as 'vda: no space', or 'No errors found'."})
public final class DomBlkErrorCommand extends DomainCommand {

    @Override
    protected void execute() {
        boolean any = false;
        for (Domains.BlockInfo b : client().blockInfo(name())) {
            if (!"none".equals(b.error())) {
                out().println(b.target() + ": " + b.error());
                any = true;
            }
        }
        if (!any) {
            out().println("No errors found");
        }
    }
}
