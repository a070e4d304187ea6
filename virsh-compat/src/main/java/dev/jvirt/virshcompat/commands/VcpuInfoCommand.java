package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.DomainCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vcpuinfo DOMAIN}: each vCPU's host CPU, state, CPU time and affinity, as virsh prints them. */
@Command(name = "vcpuinfo", mixinStandardHelpOptions = true,
        description = {"Show each vCPU of a domain: the host CPU its QEMU thread last ran on, its state, the CPU "
                + "time it used and the host CPUs it may run on (y or -, one per host CPU). A domain that is not "
                + "running shows N/A for what only a running guest has."})
public final class VcpuInfoCommand extends DomainCommand {
    @Option(names = "--pretty", description = "The affinity as a list of host CPUs (0-1 (out of 2)).") boolean pretty;

    @Override
    protected void execute() {
        List<Tuning.Vcpu> vcpus;
        int hostCpus;
        boolean running = client().tuning().vcpuCount(name()).maximumLive() != null;
        if (running) {
            Tuning.Vcpus v = client().tuning().vcpus(name());
            vcpus = v.vcpus();
            hostCpus = v.hostCpus();
        } else {
            hostCpus = (int) client().nodeInfo().cpus();
            int n = client().tuning().vcpuCount(name()).maximumConfig();
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < hostCpus; c++) {
                all.add(c);
            }
            vcpus = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                vcpus.add(new Tuning.Vcpu(i, -1, null, 0, all));
            }
        }
        boolean first = true;
        for (Tuning.Vcpu v : vcpus) {
            if (!first) {
                out().println();
            }
            first = false;
            out().printf("%-15s %d%n", "VCPU:", v.vcpu());
            if (running) {
                out().printf("%-15s %d%n", "CPU:", v.cpu());
                out().printf("%-15s %s%n", "State:", v.state());
                out().printf(Locale.ROOT, "%-15s %.1fs%n", "CPU time:", v.cpuTimeNs() / 1e9);
            } else {
                out().printf("%-15s %s%n", "CPU:", "N/A");
                out().printf("%-15s %s%n", "State:", "N/A");
                out().printf("%-15s %s%n", "CPU time", "N/A"); // virsh 9.0 has no colon here
            }
            out().printf("%-15s %s%n", "CPU Affinity:", pretty ? dev.jvirt.virshcompat.format.CpuList.format(v.affinity()) + " (out of " + hostCpus + ")"
                    : map(v.affinity(), hostCpus));
        }
    }

    /** virsh's affinity map: one y or - per host CPU. */
    static String map(List<Integer> cpus, int hostCpus) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < hostCpus; c++) {
            b.append(cpus.contains(c) ? 'y' : '-');
        }
        return b.toString();
    }

}
