package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.format.CpuList;
import dev.jvirt.virshcompat.format.VshTable;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jvirsh iothreadinfo DOMAIN}: the domain's I/O threads and their host CPU affinity, as virsh prints them. */
@Command(name = "iothreadinfo", mixinStandardHelpOptions = true,
        description = {"Show a domain's I/O threads (<iothreads>) and the host CPUs each may run on: of the running "
                + "guest as QEMU runs them, else of its stored definition."})
public final class IothreadInfoCommand extends LiveConfigCommand {

    @Override
    protected void execute() {
        scope();
        List<Tuning.Iothread> threads = client().tuning().iothreads(name());
        if (threads.isEmpty()) {
            out().println("No IOThreads found for the domain"); // virsh's words
            return;
        }
        VshTable t = VshTable.withHeader("IOThread ID", "CPU Affinity");
        for (Tuning.Iothread i : threads) {
            t.row(Long.toString(i.id()), CpuList.format(i.affinity()));
        }
        out().print(t.render());
    }
}
