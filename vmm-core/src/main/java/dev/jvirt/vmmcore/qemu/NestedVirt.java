package dev.jvirt.vmmcore.qemu;

import dev.jvirt.vmmcore.qemu.argv.NestedLxdDevices.Nesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this host's KVM nests: the CPU has {@code vmx} (Intel) or {@code svm} (AMD) and the
 * matching module ({@code kvm_intel}, {@code kvm_amd}) has {@code nested} on ({@code Y} or
 * {@code 1} in {@code /sys/module/MODULE/parameters/nested}).
 */
public final class NestedVirt {
    private NestedVirt() {
    }

    /** What a KVM guest here can be given for nesting, with the reason when nothing. */
    public record Probe(Nesting nesting, String reason) {}

    public static Probe probe() {
        return probe(Path.of("/proc/cpuinfo"), Path.of("/sys/module"));
    }

    static Probe probe(Path cpuinfo, Path sysModule) {
        CpuFlags flags;
        try {
            flags = CpuFlags.parse(Files.readString(cpuinfo, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Probe(Nesting.NONE, "cannot read " + cpuinfo + ": " + e.getMessage());
        }
        Nesting n = flags.flags().contains("vmx") ? Nesting.VMX : flags.flags().contains("svm") ? Nesting.SVM : null;
        if (n == null) {
            return new Probe(Nesting.NONE, "the host CPU exposes neither vmx nor svm");
        }
        String module = n == Nesting.VMX ? "kvm_intel" : "kvm_amd";
        Path param = sysModule.resolve(module).resolve("parameters").resolve("nested");
        try {
            String v = Files.readString(param, StandardCharsets.UTF_8).strip();
            if (v.equals("Y") || v.equals("1")) {
                return new Probe(n, null);
            }
            return new Probe(Nesting.NONE, module + " has nested=" + v + " (modprobe " + module + " nested=1 turns it on)");
        } catch (IOException e) {
            return new Probe(Nesting.NONE, "cannot read " + param + " (" + module + " is not loaded)");
        }
    }
}
