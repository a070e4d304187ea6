package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh setmaxmem DOMAIN SIZE}: the definition's maximum memory (not of a running guest, as libvirt). */
@Command(name = "setmaxmem", mixinStandardHelpOptions = true,
        description = {"Change the maximum memory of a domain's stored definition (<memory>); its current memory "
                + "follows it down. A running guest's maximum cannot change (use --config: it applies at the next start)."})
public final class SetMaxMemCommand extends MemorySizeCommand {

    @Override
    protected void execute() {
        long kib = kib("setmaxmem", "virDomainSetMaxMemory");
        Boolean[] f = scope();
        client().tuning().memory(name(), kib, true, f[0], f[1]);
    }

    @Override
    protected String failureContext() {
        return "Unable to change MaxMemorySize"; // virsh prints it before libvirt's reason
    }
}
