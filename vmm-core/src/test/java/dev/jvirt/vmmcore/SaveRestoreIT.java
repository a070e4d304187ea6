package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * virsh save / restore / managedsave on the tiny guest under TCG, through QEMU's migration
 * stream into a jvirt save image: after a restore the guest's shell answers on its console with
 * what it had in memory (a shell variable) and on disk, and its uptime goes on from where it was;
 * a managed save is resumed by the next start and then gone; a file that is not a save image is
 * refused by name.
 */
@ExtendWith(TinyGuestExtension.class)
class SaveRestoreIT {
    private static final Pattern UPTIME = Pattern.compile("(\\d+\\.\\d+) \\d+\\.\\d+");
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void aSavedGuestRestoresWithItsMemoryDiskAndUptime(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "sv1"));
        hv.start("sv1");
        double before;
        try (GuestShell sh = new GuestShell(hv.console("sv1").orElseThrow())) {
            sh.await(TinyGuest.READY_MARKER);
            sh.run("KEPT=in-memory; printf JVIRT-SAVED-DISK | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; echo SET-$((2+2))", "SET-4");
            before = uptime(sh, "UP1");
        }
        Path image = host.root.resolve("sv1.save");
        hv.saves().save("sv1", image, null, null);
        assertThat(hv.state("sv1").describe()).isEqualTo("shut off (saved)");
        assertThat(host.qemuPids()).isEmpty();
        assertThat(hv.saves().imageXml(image)).contains("<name>sv1</name>").contains("<source file=");

        Path notAnImage = Files.writeString(host.root.resolve("not-a-save"), "hello\n".repeat(20));
        assertThatThrownBy(() -> hv.saves().restore(notAnImage, null, null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'" + notAnImage + "' is not a jvirt save image");
        assertThatThrownBy(() -> hv.saves().imageXml(host.root.resolve("missing"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("No such file");

        DomainInfo restored = hv.saves().restore(image, null, null);
        assertThat(restored.status().describe()).isEqualTo("running (restored)");
        try (GuestShell sh = new GuestShell(hv.console("sv1").orElseThrow())) {
            sh.run("echo V-$KEPT-$((1+2))", "V-in-memory-3");
            sh.run("dd if=/dev/vda bs=16 count=1 2>/dev/null; echo; echo D-$((3+4))", "JVIRT-SAVED-DISK");
            double after = uptime(sh, "UP2");
            assertThat(after).as("uptime goes on from the save, not from a new boot").isGreaterThanOrEqualTo(before);
        }

        hv.saves().managedSave("sv1", null);
        assertThat(hv.state("sv1").describe()).isEqualTo("shut off (saved)");
        assertThat(hv.saves().hasManagedSave("sv1")).isTrue();
        assertThat(host.dirs.state().resolve("qemu/save/sv1.save")).isRegularFile();
        hv.start("sv1");
        assertThat(hv.state("sv1").describe()).isEqualTo("running (restored)");
        assertThat(hv.saves().hasManagedSave("sv1")).as("a resumed managed save is gone").isFalse();
        try (GuestShell sh = new GuestShell(hv.console("sv1").orElseThrow())) {
            sh.run("echo M-$KEPT-$((2+3))", "M-in-memory-5");
        }
        assertThat(hv.saves().job("sv1", true).type()).isEqualTo("Completed");
        assertThat(hv.saves().job("sv1", true).operation()).isEqualTo("Restore");

        hv.saves().managedSave("sv1", false);
        assertThatThrownBy(() -> hv.undefine("sv1")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("managed save image exists");
        assertThat(hv.saves().removeManagedSave("sv1")).isTrue();
        assertThat(hv.saves().removeManagedSave("sv1")).isFalse();
        hv.start("sv1");
        assertThat(hv.state("sv1").describe()).as("no managed save left: a fresh boot").isEqualTo("running (booted)");
        hv.destroy("sv1");
    }

    @Test
    void aPausedSaveRestoresPausedAndASaveToAMissingDirectoryLeavesTheGuestRunning(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "sv2"));
        hv.start("sv2");
        assertThatThrownBy(() -> hv.saves().save("sv2", host.root.resolve("no/such/dir/sv2.save"), null, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("does not exist");
        assertThat(hv.state("sv2").describe()).isEqualTo("running (booted)");
        hv.suspend("sv2");
        Path image = host.root.resolve("sv2.save");
        java.util.concurrent.CompletableFuture<Void> saving = java.util.concurrent.CompletableFuture.runAsync(
                () -> hv.saves().save("sv2", image, null, null));
        DomainJob seen = DomainJob.none();
        while (!saving.isDone() && !"Unbounded".equals(seen.type())) {
            seen = hv.saves().job("sv2", false);
            Thread.sleep(2);
        }
        saving.get();
        assertThat(seen).as("domjobinfo while the save runs").extracting(DomainJob::type, DomainJob::operation)
                .containsExactly("Unbounded", "Save");
        assertThat(hv.saves().job("sv2", false).type()).isEqualTo("None");
        assertThat(hv.saves().job("sv2", true).type()).isEqualTo("Completed");
        assertThatThrownBy(() -> hv.saves().abortJob("sv2")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no job is active");
        assertThat(hv.saves().restore(image, null, null).status().describe()).isEqualTo("paused (user)");
        hv.destroy("sv2");
        assertThat(hv.saves().restore(image, null, false).status().describe()).isEqualTo("running (restored)");
        hv.close(); // a restarted jvirtd takes the restored QEMU over (its argv has -incoming defer)
        Hypervisor again = host.open();
        assertThat(again.state("sv2").describe()).isEqualTo("running (restored)");
        again.destroy("sv2");
    }

    private static double uptime(GuestShell sh, String tag) throws Exception {
        String out = sh.run("cat /proc/uptime; echo " + tag + "-$((1+1))", tag + "-2");
        Matcher m = UPTIME.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
