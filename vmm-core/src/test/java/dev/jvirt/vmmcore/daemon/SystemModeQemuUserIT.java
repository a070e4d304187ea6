package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.security.QemuUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A system-mode jvirtd in a mount namespace with tmpfs over /var/lib/jvirt and /run/jvirt (so the
 * machine's own are untouched) runs the tiny guest's QEMU as {@code jvirt-qemu}, gives it the
 * disk image while it runs and gives it back after, and refuses a root-only 0600 kernel with its
 * path. Needs root and the account {@code scripts/install-deps} makes.
 */
@ExtendWith(TinyGuestExtension.class)
class SystemModeQemuUserIT {

    @Test
    void qemuRunsAsJvirtQemuAndARootOnlyKernelIsRefusedWithItsPath(TinyGuest guest) throws Exception {
        assumeTrue(Jvirtd.currentUid() == 0, "system mode needs root");
        QemuUser user = QemuUser.lookup(QemuUser.DEFAULT_NAME);
        assumeTrue(user != null, "user jvirt-qemu missing: run scripts/install-deps as root");
        for (String dir : List.of("/var/lib/jvirt", "/run/jvirt")) {
            Files.createDirectories(Path.of(dir)); // mount points; the namespace's tmpfs covers them
        }
        String prefix = "sysit-" + UUID.randomUUID().toString().substring(0, 8);
        Path out = Files.createTempFile("system-mode-", ".out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", java, "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), SystemModeScenario.class.getName(),
                guest.kernel().toString(), guest.initrd().toString(), guest.newDisk("sys").toString(), prefix)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        String output;
        try {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("scenario finished").isTrue();
        } finally {
            p.destroyForcibly();
            p.waitFor();
            killLeftovers(prefix);
            output = Files.readString(out);
            Files.delete(out);
        }
        System.out.println(output);
        assertThat(output).contains("define=201").contains("start=200");
        assertThat(output).contains("qemu-uid=" + user.uid() + "\t" + user.uid() + "\t" + user.uid() + "\t" + user.uid());
        assertThat(output).contains("qemu-gid=" + user.gid() + "\t" + user.gid());
        assertThat(output).contains("disk-owner-running=" + user.uid()).contains("destroy=200")
                .contains("disk-owner-after=0");
        assertThat(output).as("a hot-plugged image is given to QEMU's user and back at the stop")
                .contains("hot-attach=200").contains("hot-owner-running=" + user.uid()).contains("hot-owner-after=0");
        assertThat(output).as("an external snapshot's overlay is QEMU's user's while it runs")
                .contains("snapshot=200").contains("overlay-owner-running=" + user.uid()).contains("overlay-owner-after=0");
        assertThat(output).contains("ro-attach=400").contains("runs as user jvirt-qemu and cannot open the read-only disk image "
                + "/var/lib/jvirt/images/root-only.iso: user jvirt-qemu (uid " + user.uid() + ") may not read it");
        assertThat(output).contains("secret-start=500 start-failed")
                .contains("secret-message=failed to start domain '" + prefix + "-secret'")
                .contains("QEMU runs as user jvirt-qemu and cannot open the kernel /var/lib/jvirt/images/root-only-kernel: "
                        + "user jvirt-qemu (uid " + user.uid() + ") may not read it (owner uid 0, group 0, mode 0600)")
                .contains("secret-state=shut off");
    }

    private static void killLeftovers(String prefix) {
        ProcFs proc = ProcFs.system();
        ProcessHandle.allProcesses().filter(h -> proc.cmdline(h.pid()).stream().anyMatch(a -> a.contains(prefix)))
                .filter(h -> proc.cmdline(h.pid()).stream().anyMatch(a -> a.contains("qemu-system")))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
