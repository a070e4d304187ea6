package dev.jvirt.vmmcore.qemu;

import java.util.HashSet;
import java.util.Set;

/** The union of the {@code flags} lines of /proc/cpuinfo. */
public record CpuFlags(Set<String> flags) {

    public CpuFlags {
        flags = Set.copyOf(flags);
    }

    public static CpuFlags parse(String cpuinfo) {
        Set<String> flags = new HashSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                for (String flag : line.substring(colon + 1).strip().split("\\s+")) {
                    if (!flag.isEmpty()) {
                        flags.add(flag);
                    }
                }
            }
        }
        return new CpuFlags(flags);
    }

    /** Intel VT-x ({@code vmx}) or AMD-V ({@code svm}). */
    public boolean hasVirtualization() {
        return flags.contains("vmx") || flags.contains("svm");
    }
}
