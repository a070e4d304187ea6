package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvmProbeTest {

    @Test
    void noDeviceMeansUnusable(@TempDir Path dir) {
        var kvm = new KvmProbe(dir.resolve("kvm"), dir.resolve("cpuinfo"), dir).probe();
        assertThat(kvm.usable()).isFalse();
        assertThat(kvm.reason()).contains("does not exist").contains("<domain type='qemu'>");
    }

    @Test
    void aDeviceThatIsNotKvmMeansUnusable(@TempDir Path dir) throws Exception {
        Path notKvm = Files.writeString(dir.resolve("kvm"), "");
        var kvm = new KvmProbe(notKvm, dir.resolve("cpuinfo"), dir).probe();
        assertThat(kvm.usable()).isFalse();
        assertThat(kvm.reason()).contains("opens but KVM_CREATE_VM fails");
    }
}
