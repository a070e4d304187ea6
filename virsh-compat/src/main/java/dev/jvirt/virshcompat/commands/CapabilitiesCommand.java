package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh capabilities}: Print the host capabilities as libvirt-format XML: host CPU, guest architectures, machine types and accelerators (domain type qemu, and kvm where KVM can run guests). */
@Command(name = "capabilities", mixinStandardHelpOptions = true,
        description = {"Print the host capabilities as libvirt-format XML: host CPU, guest architectures, machine types and accelerators (domain type qemu, and kvm where KVM can run guests)."})
public final class CapabilitiesCommand extends JvirshCommand {

    @Override
    protected void execute() {
        String xml = client().hostXml("capabilities");
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }
}
