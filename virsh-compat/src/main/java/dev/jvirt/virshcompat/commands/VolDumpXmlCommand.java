package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh vol-dumpxml VOL}. */
@Command(name = "vol-dumpxml", mixinStandardHelpOptions = true, description = {"Print a volume's XML description."})
public final class VolDumpXmlCommand extends VolCommand {

    @Override
    protected void execute() {
        String xml = storage().volumeXml(poolName(), volName());
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }

    @Override
    protected String failureContext() {
        return "failed to get vol '" + vol + "'";
    }
}
