package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh setmem DOMAIN SIZE}: the balloon's target of the running guest and/or the definition's current memory. */
@Command(name = "setmem", mixinStandardHelpOptions = true,
        description = {"Change the current memory of a domain: a running guest's balloon is asked for that much "
                + "(its balloon driver gives the rest back to the host), and with --config the definition's "
                + "<currentMemory> changes. It cannot exceed the domain's maximum memory (setmaxmem)."})
public final class SetMemCommand extends MemorySizeCommand {

    @Override
    protected void execute() {
        long kib = kib("setmem", "virDomainSetMemoryFlags");
        Boolean[] f = scope();
        client().tuning().memory(name(), kib, false, f[0], f[1]);
    }
}
