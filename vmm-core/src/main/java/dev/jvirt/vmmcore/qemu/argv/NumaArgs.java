package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Cpu;
import dev.jvirt.domainxml.domain.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Guest NUMA ({@code <cpu><numa><cell>}) as libvirt writes it: each cell's memory is a backend of
 * its own ({@code ram-nodeN}, the same kind as the guest's RAM would be, shared when the cell says
 * {@code memAccess='shared'}) named by {@code -numa node,nodeid=N,cpus=…,memdev=ram-nodeN}, and
 * the machine then has no {@code memory-backend} of its own; {@code <distances>} are
 * {@code -numa dist}. The cells' memory must add up to {@code <memory>}.
 */
final class NumaArgs {

    private static final Pattern CPUS = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");

    private NumaArgs() {}

    static boolean present(Domain def) {
        return def.cpu() != null && !def.cpu().numa().isEmpty();
    }

    static List<String> of(Domain def) {
        List<String> out = new ArrayList<>();
        if (!present(def)) {
            return out;
        }
        List<Cpu.NumaCell> cells = def.cpu().numa();
        long total = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cpu.NumaCell c = cells.get(i);
            int id = c.id() == null ? i : c.id();
            String what = "<numa><cell id='" + id + "'>";
            total += c.memoryKiB();
            ObjectNode mem = MachineArgs.memoryBackend(def);
            mem.put("id", "ram-node" + id);
            if ("shared".equals(c.memAccess())) {
                mem.put("qom-type", "memory-backend-memfd"); // shared memory another process maps, as libvirt's memfd
                mem.put("share", true);
            } else if ("private".equals(c.memAccess())) {
                mem.remove("share");
            }
            mem.put("size", c.memoryKiB() * 1024);
            HostNodePolicy.apply(def, id, mem);
            out.add("-object");
            out.add(Json.text(mem));
            QemuOpts node = QemuOpts.of("node").add("nodeid", id);
            if (c.cpus() != null) {
                if (!CPUS.matcher(c.cpus()).matches()) {
                    throw new CommandLineException(what, "cpus='" + c.cpus() + "' is not a list like 0-1,4");
                }
                for (String range : c.cpus().split(",")) {
                    node.add("cpus", range);
                }
            }
            node.add("memdev", "ram-node" + id);
            out.add("-numa");
            out.add(node.build());
        }
        if (total != def.memoryKiB()) {
            throw new CommandLineException("<numa>", "the cells have " + total + " KiB but <memory> is " + def.memoryKiB() + " KiB");
        }
        for (int i = 0; i < cells.size(); i++) {
            Cpu.NumaCell c = cells.get(i);
            for (Cpu.Sibling s : c.distances()) {
                if (s.id() == null || s.value() == null) {
                    throw new CommandLineException("<numa><cell><distances><sibling>", "needs id and value");
                }
                out.add("-numa");
                out.add(QemuOpts.of("dist").add("src", c.id() == null ? i : c.id()).add("dst", s.id()).add("val", s.value()).build());
            }
        }
        return out;
    }
}
