package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Starts that cannot succeed fail with a message that says why, and leave nothing behind. */
@ExtendWith(TinyGuestExtension.class)
class StartFailureIT {
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void aMissingDiskIsFoundBeforeQemuRunsInLibvirtsWordsAndLeavesNothing(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        Path missing = guest.scratchDir().resolve("missing.qcow2");
        hv.define(TestDomains.tiny(guest, "broken", "qemu", TestDomains.CMDLINE, missing));

        assertThatThrownBy(() -> hv.start("broken"))
                .isInstanceOfSatisfying(StartRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StartRefusedException.Kind.SYSTEM);
                    assertThat(e.qemuOutput()).isEmpty(); // QEMU never ran
                    assertThat(e.hint()).contains("disk 'vda'");
                })
                .hasMessage("Cannot access storage file '" + missing + "': No such file or directory");

        assertThat(hv.state("broken").describe()).isEqualTo("shut off (failed)");
        assertThat(host.qemuPids()).isEmpty();
        assertThat(host.runtimeDir("broken")).doesNotExist();
        assertThat(socketsUnder(host.root)).isEmpty();

        // A second attempt behaves the same (nothing stale gets in the way).
        assertThatThrownBy(() -> hv.start("broken")).isInstanceOf(StartRefusedException.class);
        assertThat(host.runtimeDir("broken")).doesNotExist();
    }

    @Test
    void anImageInAnotherFormatThanTheDefinitionSaysIsTheUsersToFixNotInternal(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        Path raw = guest.scratchDir().resolve("raw.img");
        Files.write(raw, new byte[1 << 20]); // raw zeros, declared qcow2 by the tiny domain
        hv.define(TestDomains.tiny(guest, "wrongformat", "qemu", TestDomains.CMDLINE, raw));

        assertThatThrownBy(() -> hv.start("wrongformat"))
                .isInstanceOfSatisfying(StartRefusedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StartRefusedException.Kind.UNSUPPORTED_CONFIG);
                    assertThat(e.hint()).contains("Image is not in qcow2 format");
                })
                .hasMessageContaining("not in qcow2 format");
        assertThat(host.qemuPids()).isEmpty();
        assertThat(host.runtimeDir("wrongformat")).doesNotExist();
    }

    @Test
    void kvmOnThisHostFailsFastWithTheReasonAndSuggestsTcg(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "kvmguest", "kvm", TestDomains.CMDLINE, guest.newDisk("kvmguest")));
        hv.capabilities(); // probe QEMU first: what is timed is the start

        if (hv.capabilities().kvm().usable()) {
            return; // a host with working KVM: nothing to show here
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> hv.start("kvmguest"))
                .isInstanceOf(AcceleratorUnavailableException.class)
                .hasMessageContaining("KVM is not usable on this host")
                .hasMessageContaining("<domain type='qemu'>");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
        assertThat(hv.state("kvmguest").state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(host.qemuPids()).isEmpty();
        assertThat(host.runtimeDir("kvmguest")).doesNotExist();
    }

    @Test
    void aDryRunReturnsTheCommandLineAndTouchesNothing(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "dry", "qemu", TestDomains.CMDLINE, guest.newDisk("dry")));

        List<String> argv = hv.commandLines().startDryRun("dry");

        assertThat(argv.get(0)).endsWith("qemu-system-x86_64");
        assertThat(argv).contains("-S", "-daemonize", host.runtimeDir("dry").resolve("qemu.pid").toString());
        assertThat(host.runtimeDir("dry")).doesNotExist();
        assertThat(host.qemuPids()).isEmpty();
        assertThat(hv.state("dry").state()).isEqualTo(DomainState.SHUTOFF);
    }

    private static List<Path> socketsUnder(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".sock")).toList();
        }
    }
}
