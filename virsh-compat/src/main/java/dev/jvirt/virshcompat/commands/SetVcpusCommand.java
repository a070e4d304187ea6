package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh setvcpus DOMAIN COUNT}: vCPUs hot-plugged into (or unplugged from) the running guest and/or the definition's count. */
@Command(name = "setvcpus", mixinStandardHelpOptions = true,
        description = {"Change the number of vCPUs of a domain: a running guest gets vCPUs hot-plugged into its empty "
                + "slots (up to the maximum it started with) or loses the hot-plugged ones; with --config the "
                + "definition's current count changes, with --maximum --config its maximum."})
public final class SetVcpusCommand extends LiveConfigCommand {
    @Parameters(index = "1", paramLabel = "<count>", description = "The number of vCPUs.")
    int count;

    @Option(names = "--maximum", description = "Set the maximum of the stored definition (with --config).") boolean maximum;
    @Option(names = "--guest", description = "Not supported: jvirsh sets the vCPUs QEMU gives, not the guest agent's.") boolean guest;
    @Option(names = "--hotpluggable", description = "Accepted: vCPUs added to a running guest are hot-pluggable.") boolean hotpluggable;

    @Override
    protected void execute() {
        if (count < 1) {
            throw new UsageException("Can't set " + count + " processors for a VM"); // virsh's words
        }
        if (guest) {
            throw new UsageException("setvcpus --guest is not supported: jvirt has no guest agent vCPU control");
        }
        Boolean[] f = scope();
        client().tuning().setVcpus(name(), count, maximum, f[0], f[1]);
    }
}
