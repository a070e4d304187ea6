package dev.jvirt.vmmcore.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.StartFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DAC check lets QEMU's user open, and how {@code <seclabel>} changes it. Needs jvirt-qemu (install-deps). */
class DacOwnershipTest {
    @TempDir
    Path tmp;
    private QemuUser user;
    private DacOwnership dac;
    private Path kernel;
    private Path disk;

    @BeforeEach
    void setUp() throws IOException {
        user = QemuUser.lookup(QemuUser.DEFAULT_NAME);
        assumeTrue(user != null && CurrentUser.uid() == 0, "needs root and the jvirt-qemu user");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        kernel = Files.writeString(tmp.resolve("vmlinuz"), "k");
        Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString("rw-r--r--"));
        disk = Files.writeString(tmp.resolve("disk.qcow2"), "d");
        Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-------"));
        dac = new DacOwnership(user, tmp.resolve("dac"));
    }

    private Domain domain(String seclabel, Path kernelFile) {
        return DomainXml.parse("<domain type='qemu'><name>d</name><memory>65536</memory><os><type>hvm</type><kernel>"
                + kernelFile + "</kernel></os><devices><disk type='file' device='disk'><source file='" + disk
                + "'/><target dev='vda' bus='virtio'/></disk></devices>" + seclabel + "</domain>", "d.xml");
    }

    @Test
    void writableDisksAreGivenAndARootOnlyKernelIsRefusedWithItsPath() throws IOException {
        assertThat(dac.check(domain("", kernel), user)).containsExactly(disk);
        Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> dac.check(domain("", kernel), user)).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("cannot open the kernel " + kernel + ": user jvirt-qemu (uid " + user.uid()
                        + ") may not read it (owner uid 0, group 0, mode 0600)");
    }

    @Test
    void seclabelNoneMeansNoRelabelingSoTheDiskMustAlreadyBeWritable() throws IOException {
        String none = "<seclabel type='none' model='dac'/>";
        assertThatThrownBy(() -> dac.check(domain(none, kernel), user))
                .hasMessageContaining("cannot open the disk image " + disk + ": user jvirt-qemu (uid " + user.uid()
                        + ") may not read it").hasMessageContaining("give it to jvirt-qemu yourself");
        Files.setAttribute(disk, "unix:uid", user.uid());
        assertThat(dac.check(domain(none, kernel), user)).isEmpty(); // nothing to give
    }

    @Test
    void aStaticDacLabelNamesTheUserQemuRunsAs() {
        Domain d = domain("<seclabel type='static' model='dac'><label>nobody:nogroup</label></seclabel>", kernel);
        assertThat(dac.runAs(d).name()).isEqualTo("nobody");
        assertThatThrownBy(() -> dac.runAs(domain("<seclabel type='static' model='dac'><label>nobody:root</label>"
                + "</seclabel>", kernel))).hasMessageContaining("label 'nobody:root'");
    }
}
