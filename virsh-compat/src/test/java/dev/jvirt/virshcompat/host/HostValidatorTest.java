package dev.jvirt.virshcompat.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** host-validate's checks on described hosts, and virt-host-validate's line format. */
class HostValidatorTest {

    /** A host made of a few files. */
    private record FakeHost(Set<String> paths, Map<String, String> files, String kvmAnswer) implements HostFacts {
        @Override
        public boolean exists(String path) {
            return paths.contains(path) || files.containsKey(path);
        }

        @Override
        public boolean openableReadWrite(String path) {
            return exists(path);
        }

        @Override
        public String read(String path) {
            return files.get(path);
        }

        @Override
        public List<String> list(String path) {
            return new ArrayList<>();
        }

        @Override
        public String kvmCreateVm() {
            return kvmAnswer;
        }
    }

    @Test
    void lineFormatIsVirtHostValidates() {
        // virt-host-validate qemu (libvirt 9.0), verbatim:
        assertThat(Check.fail("Checking for hardware virtualization", "Host not compatible with KVM; HW virtualization "
                + "CPU features not found. Only emulated CPUs are available; performance will be significantly limited")
                .line("QEMU")).isEqualTo("  QEMU: Checking for hardware virtualization                                 : FAIL "
                        + "(Host not compatible with KVM; HW virtualization CPU features not found. Only emulated CPUs are "
                        + "available; performance will be significantly limited)");
        assertThat(Check.pass("Checking if device /dev/net/tun exists").line("QEMU"))
                .isEqualTo("  QEMU: Checking if device /dev/net/tun exists                               : PASS");
    }

    @Test
    void aHostLikeThisOneKvmOpensButCannotRunGuests() {
        FakeHost host = new FakeHost(Set.of("/dev/kvm", "/dev/net/tun", "/sys/module/kvm_pvm", "/sys/module/bridge"),
                Map.of("/proc/cpuinfo", "flags\t\t: fpu vme sse2 hypervisor\n",
                        "/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids\n"), null);
        List<Check> checks = new HostValidator(host).run();
        assertThat(checks).extracting(c -> c.what() + " " + c.result()).containsExactly(
                "Checking for hardware virtualization FAIL",
                "Checking if device /dev/kvm exists PASS",
                "Checking if device /dev/kvm is accessible PASS",
                "Checking if KVM can create a virtual machine PASS",
                "Checking if KVM can run standard guest kernels FAIL",
                "Checking if device /dev/vhost-net exists WARN",
                "Checking if device /dev/net/tun exists PASS",
                "Checking for Linux bridge support PASS",
                "Checking for cgroup 'cpu' controller support PASS",
                "Checking for cgroup 'cpuacct' controller support PASS",
                "Checking for cgroup 'cpuset' controller support PASS",
                "Checking for cgroup 'memory' controller support PASS",
                "Checking for cgroup 'devices' controller support PASS",
                "Checking for cgroup 'blkio' controller support PASS");
        assertThat(checks.get(4).advice()).contains("kvm_pvm").contains("type='qemu'");
    }

    @Test
    void aGoodKvmHostPasses() {
        FakeHost host = new FakeHost(Set.of("/dev/kvm", "/dev/net/tun", "/dev/vhost-net", "/sys/module/bridge"),
                Map.of("/proc/cpuinfo", "flags\t\t: fpu vmx sse2\n", "/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory\n"), null);
        assertThat(new HostValidator(host).run()).allMatch(c -> c.result() == Check.Result.PASS);
    }

    @Test
    void noKvmNoTunAndAMissingControllerAreSaidWithTheWayOut() {
        FakeHost host = new FakeHost(Set.of(), Map.of("/proc/cpuinfo", "flags: fpu\n",
                "/sys/fs/cgroup/cgroup.controllers", "cpu io\n", "/proc/sys/kernel/osrelease", "6.1.0\n"), "unused");
        List<Check> checks = new HostValidator(host).run();
        assertThat(checks).extracting(Check::what).doesNotContain("Checking if device /dev/kvm is accessible");
        assertThat(checks.get(1).line("QEMU")).endsWith(": FAIL (Check that CPU and firmware supports virtualization and kvm module is loaded)");
        assertThat(checks).filteredOn(c -> c.what().contains("/dev/net/tun")).first()
                .extracting(Check::result).isEqualTo(Check.Result.FAIL);
        assertThat(checks).filteredOn(c -> c.what().contains("'memory'")).first()
                .extracting(Check::result).isEqualTo(Check.Result.WARN);
    }
}
