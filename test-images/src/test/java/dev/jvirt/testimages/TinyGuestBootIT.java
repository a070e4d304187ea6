package dev.jvirt.testimages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boots the tiny guest under QEMU with TCG: it reaches its marker and obeys the ACPI power button. */
@ExtendWith(TinyGuestExtension.class)
class TinyGuestBootIT {

    private Process qemu;

    @AfterEach
    void stopQemu() throws InterruptedException {
        if (qemu != null && qemu.isAlive()) {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process boot(TinyGuest guest, Path serial, Path qmp, boolean nic) throws Exception {
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m",
                Integer.toString(TinyGuest.MEMORY_MIB), "-nodefaults", "-display", "none", "-no-user-config",
                "-serial", "file:" + serial, "-qmp", "unix:" + qmp + ",server=on,wait=off"));
        argv.addAll(guest.directBootArgs());
        if (nic) {
            argv.addAll(List.of("-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0"));
        }
        argv.addAll(List.of("-drive", "if=none,id=d0,format=qcow2,file=" + guest.newDisk("vda"),
                "-device", "virtio-blk-pci,drive=d0"));
        return new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(guest.scratchDir().resolve("qemu.log").toFile()).start();
    }

    @Test
    void bootsToTheMarkerWithNetworkAndDisk(TinyGuest guest) throws Exception {
        Path serial = guest.scratchDir().resolve("serial.log");
        qemu = boot(guest, serial, guest.scratchDir().resolve("qmp.sock"), true);

        SerialOutput.await(serial, TinyGuest.READY_MARKER, Duration.ofSeconds(90));

        String console = SerialOutput.read(serial);
        assertThat(console).contains(TinyGuest.IP_MARKER + " eth0 10.0.2.15/24").contains("JVIRT-GUEST-DISK vda");
    }

    @Test
    void systemPowerdownMakesQemuExitWithin30Seconds(TinyGuest guest) throws Exception {
        Path serial = guest.scratchDir().resolve("serial.log");
        Path qmpSocket = guest.scratchDir().resolve("qmp.sock");
        qemu = boot(guest, serial, qmpSocket, false);
        SerialOutput.await(serial, TinyGuest.READY_MARKER, Duration.ofSeconds(90));

        try (MiniQmp qmp = MiniQmp.connect(qmpSocket, Duration.ofSeconds(10))) {
            assertThat(qmp.execute("system_powerdown")).contains("\"return\"");
        }

        assertThat(qemu.waitFor(30, TimeUnit.SECONDS)).as("QEMU exits after the guest powers off").isTrue();
        assertThat(SerialOutput.read(serial)).contains("reboot: Power down");
    }
}
