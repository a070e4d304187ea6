package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.Swtpms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What virt-install writes for Windows 11, reduced to what boots here: {@code <os firmware='efi'>}
 * (OVMF chosen from QEMU's firmware descriptors, its variables copied from the template) and an
 * emulated TPM 2.0 ({@code swtpm} started before QEMU, ending with it). Under TCG, OVMF gets far
 * enough to print its boot manager's messages on the serial console.
 */
class UefiTpmBootIT {
    @AutoClose
    private final TestHost host = new TestHost();

    private static final String XML = """
            <domain type='qemu'>
              <name>uefi-tpm</name>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os firmware='efi'>
                <type arch='x86_64' machine='q35'>hvm</type>
                <boot dev='hd'/>
              </os>
              <features><acpi/><apic/></features>
              <devices>
                <serial type='pty'><target port='0'/></serial>
                <console type='pty'><target type='serial' port='0'/></console>
                <tpm model='tpm-crb'>
                  <backend type='emulator' version='2.0'/>
                </tpm>
                <memballoon model='none'/>
              </devices>
            </domain>
            """;

    @Test
    void ovmfPrintsOnTheSerialConsoleWithSwtpmRunning() throws Exception {
        HostPackages.command("swtpm", "swtpm");
        HostPackages.file("/usr/share/qemu/firmware/60-edk2-x86_64.json", "ovmf");
        Hypervisor hv = host.open();
        hv.define(XML);
        long swtpm = -1;
        try {
            long qemu = hv.start("uefi-tpm").pid().orElseThrow();
            Path pidFile = host.runtimeDir("uefi-tpm").resolve("tpm0-swtpm.pid");
            swtpm = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(ProcFs.system().isAlive(swtpm)).as("swtpm runs beside the guest").isTrue();
            // OVMF's boot manager (BdsDxe) writes to the serial console once the firmware is up
            SerialOutput.await(host.consoleLog("uefi-tpm"), "BdsDxe", TestHost.BOOT);
            assertThat(host.dirs.state().resolve("qemu/nvram/uefi-tpm_VARS.fd")).isRegularFile();
            assertThat(host.dirs.state().resolve("qemu/swtpm/uefi-tpm/tpm0")).isDirectory();

            hv.destroy("uefi-tpm");
            assertThat(ProcFs.system().isAlive(qemu)).isFalse();
            long gone = swtpm;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (ProcFs.system().isAlive(gone) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcFs.system().isAlive(gone)).as("swtpm ends with QEMU").isFalse();
        } finally {
            if (swtpm > 0) {
                Swtpms.stop(swtpm);
            }
        }
    }
}
