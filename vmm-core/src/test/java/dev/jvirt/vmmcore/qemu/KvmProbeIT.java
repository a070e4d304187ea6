package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.HostCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real probe on this host: fast, and "unusable, with the reason" where the CPU has no vmx/svm. */
class KvmProbeIT {

    @Test
    void saysWhetherKvmCanRunGuestsHereWellUnderASecond() throws Exception {
        long t0 = System.nanoTime();
        HostCapabilities.KvmSupport kvm = KvmProbe.system().probe();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        // The first probe in a JVM includes loading JNA's native library (~300 ms); later ones take ~5 ms.
        assertThat(ms).as("probe took %d ms", ms).isLessThan(1000);
        long t1 = System.nanoTime();
        assertThat(KvmProbe.system().probe()).isEqualTo(kvm);
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(200);
        boolean cpuHasIt = CpuFlags.parse(Files.readString(Path.of("/proc/cpuinfo"))).hasVirtualization();
        if (!cpuHasIt) {
            assertThat(kvm.usable()).isFalse();
            assertThat(kvm.reason()).contains("neither vmx nor svm").contains("use <domain type='qemu'>");
            if (Files.exists(Path.of("/dev/kvm"))) {
                assertThat(kvm.reason()).contains("/dev/kvm opens and accepts KVM_CREATE_VM");
            }
        }
        System.out.println("KVM probe (" + ms + " ms): " + kvm);
    }
}
