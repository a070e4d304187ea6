package dev.jvirt.virshcompat.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code jvirsh host-validate}: virt-host-validate qemu's (same wording, same
 * PASS/WARN/FAIL), plus what jvirt learned the hard way: KVM may exist and open yet not run
 * ordinary guests (a kvm_pvm module, no vmx/svm), so the answer names the way out (type='qemu').
 */
public final class HostValidator {

    private static final String[] CGROUP_V1 = {"cpu", "cpuacct", "cpuset", "memory", "devices", "blkio"};

    private final HostFacts host;

    public HostValidator(HostFacts host) {
        this.host = host;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        kvm(checks);
        checks.add(host.exists("/dev/vhost-net") ? Check.pass("Checking if device /dev/vhost-net exists")
                : Check.warn("Checking if device /dev/vhost-net exists",
                        "Load the 'vhost_net' module to improve performance of virtio networking"));
        checks.add(host.exists("/dev/net/tun") ? Check.pass("Checking if device /dev/net/tun exists")
                : Check.fail("Checking if device /dev/net/tun exists", "Load the 'tun' module to enable networking for QEMU guests"));
        checks.add(bridge());
        cgroups(checks);
        return checks;
    }

    private void kvm(List<Check> checks) {
        String cpuinfo = host.read("/proc/cpuinfo");
        boolean hw = cpuinfo != null && hasFlag(cpuinfo, "vmx", "svm");
        String hwWhat = "Checking for hardware virtualization";
        checks.add(hw ? Check.pass(hwWhat) : Check.fail(hwWhat, "Host not compatible with KVM; HW virtualization CPU "
                + "features not found. Only emulated CPUs are available; performance will be significantly limited"));
        String kvmWhat = "Checking if device /dev/kvm exists";
        if (!host.exists("/dev/kvm")) {
            checks.add(Check.fail(kvmWhat, "Check that CPU and firmware supports virtualization and kvm module is loaded"));
            return;
        }
        checks.add(Check.pass(kvmWhat));
        String accessWhat = "Checking if device /dev/kvm is accessible";
        if (!host.openableReadWrite("/dev/kvm")) {
            checks.add(Check.fail(accessWhat, "Check /dev/kvm is world writable or you are in a group that is allowed to access it"));
            return;
        }
        checks.add(Check.pass(accessWhat));
        String vmWhat = "Checking if KVM can create a virtual machine";
        String why = host.kvmCreateVm();
        checks.add(why == null ? Check.pass(vmWhat) : Check.fail(vmWhat, why + "; use <domain type='qemu'> (TCG)"));
        if (host.exists("/sys/module/kvm_pvm") || (why == null && !hw)) {
            checks.add(Check.fail("Checking if KVM can run standard guest kernels",
                    (host.exists("/sys/module/kvm_pvm") ? "KVM here is kvm_pvm" : "KVM works without vmx/svm")
                            + ": standard kernels hang in early boot and -cpu host aborts; use <domain type='qemu'> (TCG)"));
        }
    }

    private Check bridge() {
        String what = "Checking for Linux bridge support";
        if (host.exists("/sys/module/bridge")) {
            return Check.pass(what);
        }
        String release = host.read("/proc/sys/kernel/osrelease");
        if (release != null && host.exists("/lib/modules/" + release.strip() + "/kernel/net/bridge")) {
            return Check.warn(what, "the 'bridge' module is not loaded: 'modprobe bridge' (bridged networks need it)");
        }
        return Check.warn(what, "no 'bridge' module: bridged networks cannot be used; user-mode networking still works");
    }

    private void cgroups(List<Check> checks) {
        String controllers = host.read("/sys/fs/cgroup/cgroup.controllers");
        for (String name : CGROUP_V1) {
            String what = "Checking for cgroup '" + name + "' controller support";
            boolean ok;
            if (controllers != null) { // cgroup v2: cpuacct is part of cpu, blkio is io, devices is BPF
                String v2 = name.equals("cpuacct") ? "cpu" : name.equals("blkio") ? "io" : name;
                ok = name.equals("devices") || hasWord(controllers, v2);
            } else {
                ok = host.exists("/sys/fs/cgroup/" + name);
            }
            checks.add(ok ? Check.pass(what) : Check.warn(what, "Enable '" + name + "' in kernel Kconfig file or mount/enable cgroup controller in your system"));
        }
    }

    private static boolean hasFlag(String cpuinfo, String... flags) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                for (String f : flags) {
                    if (hasWord(line, f)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasWord(String text, String word) {
        for (String w : text.split("[\\s:]+")) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
