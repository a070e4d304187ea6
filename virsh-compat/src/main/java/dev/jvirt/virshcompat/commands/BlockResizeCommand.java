package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.format.ScaledSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh blockresize DOMAIN PATH SIZE}: a running guest's disk image resized (QMP block_resize), as virsh. */
@Command(name = "blockresize", mixinStandardHelpOptions = true,
        description = {"Resize the image of a running domain's disk (given by target, vda, or source path) to SIZE "
                + "(KiB unless it has a unit: 10G); the guest sees the new capacity at once."})
public final class BlockResizeCommand extends DomainCommand {
    @Parameters(index = "1", paramLabel = "<path>", description = "The disk: its target (vda) or source path.") String path;
    @Parameters(index = "2", arity = "0..1", paramLabel = "<size>", description = "The new size (KiB, or 10G, 512M).") String sizeArgument;
    @Option(names = "--size", paramLabel = "<number>", description = "The new size, as <size>.") String sizeOption;

    @Override
    protected void execute() {
        String v = sizeOption != null ? sizeOption : sizeArgument;
        if (v == null) {
            throw new dev.jvirt.virshcompat.client.UsageException("command 'blockresize' requires --size option");
        }
        client().tuning().blockResize(name(), path, ScaledSize.bytes(v, 1024, "size"));
        out().println("Block device '" + path + "' is resized");
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
