package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.host.StorageBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host phase of a start, with a storage backend standing in for storage-pools: a
 * {@code <disk type='volume'>} runs on the path the backend gives, and what it prepared is
 * released when the guest stops, or at once when the start fails.
 */
@ExtendWith(TinyGuestExtension.class)
class HostBackendsIT {
    @AutoClose
    private final TestHost host = new TestHost();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private StorageBackend volumesAt(Path path) {
        return (domain, pool, volume) -> {
            calls.add("prepare " + domain + " " + pool + "/" + volume);
            return Prepared.of(new StorageBackend.Volume(path.toString(), false, "qcow2"),
                    () -> calls.add("release " + pool + "/" + volume));
        };
    }

    private static String onVolume(TinyGuest guest, String name) {
        String xml = TestDomains.tiny(guest, name, "qemu", TestDomains.CMDLINE, Path.of("/unused.qcow2"));
        return xml.replace("<disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n"
                + "      <source file='/unused.qcow2'/>", "<disk type='volume' device='disk'>\n"
                + "      <source pool='tests' volume='vda'/>");
    }

    @Test
    void aVolumeDiskRunsOnThePathTheBackendGivesAndIsReleasedWhenTheGuestStops(TinyGuest guest) throws Exception {
        Path image = guest.newDisk("vol-vda");
        Hypervisor hv = host.open(HypervisorConfig.of(host.dirs).withBackends(HostBackends.none().withStorage(volumesAt(image))));
        hv.define(onVolume(guest, "onvol"));

        long pid = hv.start("onvol").pid().orElseThrow();

        assertThat(String.join(" ", Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0")))
                .contains("\"filename\":\"" + image + "\"").contains("\"driver\":\"qcow2\"");
        assertThat(hv.xml("onvol", false)).contains("pool='tests'").doesNotContain(image.toString()); // the live XML keeps the volume
        assertThat(calls).containsExactly("prepare onvol tests/vda");
        hv.destroy("onvol");
        assertThat(calls).containsExactly("prepare onvol tests/vda", "release tests/vda");
    }

    @Test
    void aStartThatFailsAfterTheHostPhaseReleasesWhatItPrepared(TinyGuest guest) {
        Path missing = guest.scratchDir().resolve("no-such-volume.qcow2");
        Hypervisor hv = host.open(HypervisorConfig.of(host.dirs).withBackends(HostBackends.none().withStorage(volumesAt(missing))));
        hv.define(onVolume(guest, "badvol"));

        assertThatThrownBy(() -> hv.start("badvol")).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("No such file or directory");

        assertThat(calls).containsExactly("prepare badvol tests/vda", "release tests/vda");
        assertThat(host.runtimeDir("badvol")).doesNotExist();
        assertThat(host.qemuPids()).isEmpty();
    }

    @Test
    void withoutABackendAVolumeDiskFailsAsItAlwaysDidTouchingNothing(TinyGuest guest) {
        Hypervisor hv = host.open();
        hv.define(onVolume(guest, "novol"));

        assertThatThrownBy(() -> hv.start("novol")).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("a volume source must be resolved to its path by the driver first");

        assertThat(hv.state("novol").describe()).isEqualTo("shut off (failed)");
        assertThat(host.runtimeDir("novol")).doesNotExist();
    }

    @Test
    void aBackendThatCannotPrepareSaysWhichDeviceAndWhy(TinyGuest guest) {
        StorageBackend refusing = (domain, pool, volume) -> {
            throw new IllegalStateException("pool '" + pool + "' is not active");
        };
        Hypervisor hv = host.open(HypervisorConfig.of(host.dirs).withBackends(HostBackends.none().withStorage(refusing)));
        hv.define(onVolume(guest, "refused"));

        assertThatThrownBy(() -> hv.start("refused")).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("cannot prepare disk 'vda' (volume 'vda' of pool 'tests'): pool 'tests' is not active");
        assertThat(host.runtimeDir("refused")).doesNotExist();
    }
}
