package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.format.CpuList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh emulatorpin DOMAIN [CPULIST]}: shows or sets which host CPUs QEMU's emulator threads may run on. */
@Command(name = "emulatorpin", mixinStandardHelpOptions = true,
        description = {"Show the host CPUs a running domain's emulator threads (every QEMU thread but the vCPUs') may "
                + "run on, or pin them to CPULIST (sched_setaffinity of each). Pinning the stored definition "
                + "(--config, <cputune><emulatorpin>) is not supported: edit the definition."})
public final class EmulatorPinCommand extends LiveConfigCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<cpulist>", description = "The host CPUs, e.g. 0-1.") String cpulistArgument;
    @Option(names = "--cpulist", paramLabel = "<string>", description = "The host CPUs, as <cpulist>.") String cpulistOption;

    @Override
    protected void execute() {
        String cpulist = cpulistOption != null ? cpulistOption : cpulistArgument;
        Boolean[] f = scope();
        if (cpulist != null) {
            client().tuning().pinEmulator(name(), CpuList.parse(cpulist, (int) client().nodeInfo().cpus()), f[0], f[1]);
            return;
        }
        out().println("emulator: CPU Affinity");
        out().println("----------------------------------");
        out().println("       *: " + CpuList.format(client().tuning().emulatorAffinity(name())));
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
