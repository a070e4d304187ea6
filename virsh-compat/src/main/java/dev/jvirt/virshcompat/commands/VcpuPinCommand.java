package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.format.CpuList;
import dev.jvirt.virshcompat.format.VshTable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vcpupin DOMAIN [VCPU] [CPULIST]}: shows or sets which host CPUs each vCPU's thread may run on. */
@Command(name = "vcpupin", mixinStandardHelpOptions = true,
        description = {"Show the host CPUs each vCPU of a domain may run on, or pin vCPU VCPU of the running guest to "
                + "CPULIST (0-1,3 or ^2 exclusions; sched_setaffinity of its QEMU thread). Pinning the stored "
                + "definition (--config, <cputune>) is not supported: edit the definition."})
public final class VcpuPinCommand extends LiveConfigCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<vcpu>", description = "The vCPU number.") Integer vcpuArgument;
    @Parameters(index = "2", arity = "0..1", paramLabel = "<cpulist>", description = "The host CPUs, e.g. 0-1,3.") String cpulistArgument;
    @Option(names = "--vcpu", paramLabel = "<number>", description = "The vCPU number, as <vcpu>.") Integer vcpuOption;
    @Option(names = "--cpulist", paramLabel = "<string>", description = "The host CPUs, as <cpulist>.") String cpulistOption;

    @Override
    protected void execute() {
        Integer vcpu = vcpuOption != null ? vcpuOption : vcpuArgument;
        String cpulist = cpulistOption != null ? cpulistOption : cpulistArgument;
        Boolean[] f = scope();
        if (cpulist != null) {
            if (vcpu == null) {
                throw new dev.jvirt.virshcompat.client.UsageException("vcpupin: --vcpu is required with a cpulist");
            }
            int hostCpus = (int) client().nodeInfo().cpus();
            client().tuning().pinVcpu(name(), vcpu, CpuList.parse(cpulist, hostCpus), f[0], f[1]);
            return;
        }
        boolean running = client().tuning().vcpuCount(name()).maximumLive() != null;
        List<Tuning.Vcpu> vcpus;
        if (running && !Boolean.TRUE.equals(f[1])) {
            vcpus = client().tuning().vcpus(name()).vcpus();
        } else {
            int hostCpus = (int) client().nodeInfo().cpus();
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < hostCpus; c++) {
                all.add(c);
            }
            vcpus = new ArrayList<>();
            for (int i = 0; i < client().tuning().vcpuCount(name()).maximumConfig(); i++) {
                vcpus.add(new Tuning.Vcpu(i, -1, null, 0, all));
            }
        }
        VshTable t = VshTable.withHeader("VCPU", "CPU Affinity");
        boolean any = false;
        for (Tuning.Vcpu v : vcpus) {
            if (vcpu == null || vcpu == v.vcpu()) {
                t.row(Integer.toString(v.vcpu()), CpuList.format(v.affinity()));
                any = true;
            }
        }
        if (!any) {
            throw new JvirshException("invalid argument: vcpu " + vcpu + " is out of range of "
                    + (running ? "live" : "persistent") + " cpu count " + vcpus.size());
        }
        out().print(t.render());
    }
}
