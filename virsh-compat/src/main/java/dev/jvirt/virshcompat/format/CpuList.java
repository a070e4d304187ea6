package dev.jvirt.virshcompat.format;

import dev.jvirt.virshcompat.client.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Host CPU lists as virsh reads and prints them: {@code 0-3,^2,5} in, {@code 0-1,3} out. */
public final class CpuList {

    private CpuList() {
    }

    /** The CPUs of {@code list} (ranges, single CPUs, {@code ^N} exclusions, {@code r} for all) on a host of {@code hostCpus}. */
    public static List<Integer> parse(String list, int hostCpus) {
        TreeSet<Integer> cpus = new TreeSet<>();
        if (list.equals("r")) {
            for (int c = 0; c < hostCpus; c++) {
                cpus.add(c);
            }
            return new ArrayList<>(cpus);
        }
        try {
            List<Integer> excluded = new ArrayList<>();
            for (String part : list.split(",", -1)) {
                if (part.startsWith("^")) {
                    excluded.add(Integer.parseInt(part.substring(1)));
                    continue;
                }
                int dash = part.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
                if (from < 0 || to < from) {
                    throw new NumberFormatException(part);
                }
                for (int c = from; c <= to; c++) {
                    if (c >= hostCpus) {
                        throw new UsageException("CPU " + c + " in cpulist '" + list + "' exceed the maxcpu " + hostCpus);
                    }
                    cpus.add(c);
                }
            }
            cpus.removeAll(excluded);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid cpulist '" + list + "'");
        }
        if (cpus.isEmpty()) {
            throw new UsageException("Invalid cpulist '" + list + "'");
        }
        return new ArrayList<>(cpus);
    }

    /** virBitmapFormat's list: 0-3,5. */
    public static String format(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cpus.size(); i++) {
            int from = cpus.get(i);
            int to = from;
            while (i + 1 < cpus.size() && cpus.get(i + 1) == to + 1) {
                to = cpus.get(++i);
            }
            b.append(b.length() == 0 ? "" : ",").append(from).append(to > from ? "-" + to : "");
        }
        return b.toString();
    }
}
