package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.Formats;
import dev.jvirt.virshcompat.format.VshTable;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domblkinfo}: the sizes of a running domain's disks, as virsh prints them. */
@Command(name = "domblkinfo", mixinStandardHelpOptions = true,
        description = {"Get the size of a running domain's disk: its capacity (the guest's disk size), allocation "
                + "(what the image takes on the host) and physical size (the file's), in bytes; --all for every disk."})
public final class DomBlkInfoCommand extends DomainCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "<device>", description = "The disk: its target (vda) or source path.")
    String device;

    @Option(names = "--device", paramLabel = "<string>", description = "The disk, as the second argument.")
    String deviceOption;

    @Option(names = "--human", description = "Human readable sizes (KiB, MiB, ...).")
    boolean human;

    @Option(names = "--all", description = "Display the sizes of every disk.")
    boolean all;

    @Override
    protected void execute() {
        String dev = deviceOption != null ? deviceOption : device;
        if (all && dev != null) {
            throw new UsageException("Options --all and --device are mutually exclusive");
        }
        if (!all && dev == null) {
            throw new UsageException("command 'domblkinfo' requires <device> option");
        }
        List<Domains.BlockInfo> disks = client().blockInfo(name());
        if (all) {
            VshTable t = VshTable.withHeader("Target", "Capacity", "Allocation", "Physical");
            for (Domains.BlockInfo b : disks) {
                t.row(b.target(), size(b.capacity()), size(b.allocation()), size(b.physical()));
            }
            out().print(t.render());
            return;
        }
        for (Domains.BlockInfo b : disks) {
            if (dev.equals(b.target()) || dev.equals(b.path())) {
                out().println(String.format(Locale.ROOT, "%-15s %s", "Capacity:", size(b.capacity())));
                out().println(String.format(Locale.ROOT, "%-15s %s", "Allocation:", size(b.allocation())));
                out().println(String.format(Locale.ROOT, "%-15s %s", "Physical:", size(b.physical())));
                return;
            }
        }
        throw new JvirshException("invalid argument: invalid path " + dev + " not assigned to domain"); // libvirt's words
    }

    private String size(long bytes) {
        return human ? Formats.prettyCapacity(bytes) : Long.toString(bytes);
    }
}
