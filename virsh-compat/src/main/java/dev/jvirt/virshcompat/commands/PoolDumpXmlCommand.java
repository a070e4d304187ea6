package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-dumpxml POOL}. */
@Command(name = "pool-dumpxml", mixinStandardHelpOptions = true, description = {"Print the pool's XML definition."})
public final class PoolDumpXmlCommand extends PoolCommand {

    @Option(names = "--inactive", description = "Accepted for virsh compatibility (a pool's definition is one).")
    boolean inactive;

    @Override
    protected void execute() {
        String xml = storage().poolXml(pool);
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }
}
