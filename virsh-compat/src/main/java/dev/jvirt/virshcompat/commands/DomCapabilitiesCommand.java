package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh domcapabilities}: Print the domain capabilities as libvirt-format XML: what a domain may use on this host (emulator, machine, accelerator, devices). */
@Command(name = "domcapabilities", mixinStandardHelpOptions = true,
        description = {"Print the domain capabilities as libvirt-format XML: what a domain may use on this host (emulator, machine, accelerator, devices)."})
public final class DomCapabilitiesCommand extends JvirshCommand {

    @Override
    protected void execute() {
        String xml = client().hostXml("domcapabilities");
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }
}
