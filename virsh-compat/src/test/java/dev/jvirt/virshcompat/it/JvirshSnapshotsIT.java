package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/jvirsh save, restore, save-image-dumpxml, managedsave (+ start, dominfo), domjobinfo and the
 * snapshot commands against a real jvirtd and the tiny guest on a qcow2 disk: virsh 9.0's
 * messages, tables and tree (as virsh prints them for its test driver), exit codes and errors.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshSnapshotsIT {
    private static final List<String> COMMANDS = List.of("save", "restore", "save-image-dumpxml", "managedsave",
            "managedsave-remove", "domjobinfo", "domjobabort", "snapshot-create-as", "snapshot-create", "snapshot-list",
            "snapshot-info", "snapshot-dumpxml", "snapshot-revert", "snapshot-delete", "snapshot-current", "snapshot-parent",
            "snapshot-edit");

    @Test
    void saveRestoreManagedSaveAndSnapshotsAsVirshPrintsThem(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-snapshots-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            for (String c : COMMANDS) {
                assertThat(ok(jvirsh, null, c, "--help").out()).startsWith("Usage: jvirsh " + c);
            }
            ok(jvirsh, null, "define", TinyDomainXml.writeWithDisk(guest, "sj1", scratch, guest.newDisk("sj1-vda")).toString());
            ok(jvirsh, null, "start", "sj1");

            Path image = scratch.resolve("sj1.save");
            Result saved = ok(jvirsh, "\nDomain 'sj1' saved to " + image + "\n\n", "save", "sj1", image.toString(), "--verbose");
            assertThat(saved.err()).endsWith("Save: [100 %]\n");
            ok(jvirsh, "shut off (saved)\n\n", "domstate", "sj1", "--reason");
            assertThat(ok(jvirsh, null, "save-image-dumpxml", image.toString()).out()).contains("<name>sj1</name>");
            Path bogus = Files.writeString(scratch.resolve("bogus.save"), "not an image\n".repeat(10));
            Result refused = jvirsh.run("restore", bogus.toString());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).startsWith("error: Failed to restore domain from " + bogus + "\n")
                    .contains("is not a jvirt save image");
            ok(jvirsh, "Domain restored from " + image + "\n\n", "restore", image.toString());
            ok(jvirsh, "running (restored)\n\n", "domstate", "sj1", "--reason");
            ok(jvirsh, "Job type:         None        \n\n", "domjobinfo", "sj1");
            Result noJob = jvirsh.run("domjobabort", "sj1");
            assertThat(noJob.status()).isEqualTo(1);
            assertThat(noJob.err()).contains("no job is active on the domain 'sj1'");
            Result both = jvirsh.run("save", "sj1", image.toString(), "--running", "--paused");
            assertThat(both.status()).isEqualTo(1);
            assertThat(both.err()).contains("Options --running and --paused are mutually exclusive");
            ok(jvirsh, "running (restored)\n\n", "domstate", "sj1", "--reason");
            assertThat(ok(jvirsh, null, "domjobinfo", "sj1", "--completed").out())
                    .startsWith("Job type:         Completed   \nOperation:        Restore     \nTime elapsed:     ");

            ok(jvirsh, "\nDomain 'sj1' state saved by libvirt\n\n", "managedsave", "sj1");
            assertThat(ok(jvirsh, null, "dominfo", "sj1").out()).contains("Managed save:   yes\n");
            ok(jvirsh, "sj1\n\n", "list", "--all", "--with-managed-save", "--name");
            ok(jvirsh, "\n", "list", "--all", "--without-managed-save", "--name");
            assertThat(ok(jvirsh, null, "list", "--all", "--managed-save").out()).matches("(?s).* -    sj1    saved\n\n");
            ok(jvirsh, "Domain 'sj1' started\n\n", "start", "sj1");
            ok(jvirsh, "running (restored)\n\n", "domstate", "sj1", "--reason");
            assertThat(ok(jvirsh, null, "dominfo", "sj1").out()).contains("Managed save:   no\n");
            ok(jvirsh, "Domain 'sj1' has no manage save image; removal skipped\n\n", "managedsave-remove", "sj1");

            ok(jvirsh, "Domain snapshot s1 created\n", "snapshot-create-as", "sj1", "s1", "--description", "first");
            ok(jvirsh, "Domain snapshot s2 created\n", "snapshot-create-as", "sj1", "--name", "s2");
            String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}";
            assertThat(ok(jvirsh, null, "snapshot-list", "sj1").out()).matches(
                    " Name   Creation Time               State\n-{45}\n s1     " + time + "   running\n s2     " + time
                            + "   running\n\n");
            assertThat(ok(jvirsh, null, "snapshot-list", "sj1", "--parent").out()).matches(
                    " Name   Creation Time               State     Parent\n-{54}\n s1     " + time + "   running   \n s2     "
                            + time + "   running   s1\n\n");
            ok(jvirsh, "s1\n  |\n  +- s2\n    \n\n", "snapshot-list", "sj1", "--tree");
            ok(jvirsh, "s2\n\n", "snapshot-list", "sj1", "--leaves", "--name");
            ok(jvirsh, "Name:           s1\nDomain:         sj1\nCurrent:        no\nState:          running\n"
                    + "Location:       internal\nParent:         -\nChildren:       1\nDescendants:    1\nMetadata:       yes\n\n",
                    "snapshot-info", "sj1", "s1");
            ok(jvirsh, "s2\n", "snapshot-current", "sj1", "--name");
            ok(jvirsh, "s1\n", "snapshot-parent", "sj1", "s2");
            assertThat(ok(jvirsh, null, "snapshot-dumpxml", "sj1", "s1").out()).startsWith("<domainsnapshot>\n  <name>s1</name>\n"
                    + "  <description>first</description>\n  <state>running</state>\n  <creationTime>");
            ok(jvirsh, "Domain snapshot s1 reverted\n\n", "snapshot-revert", "sj1", "s1");
            ok(jvirsh, "running (from snapshot)\n\n", "domstate", "sj1", "--reason");
            ok(jvirsh, "s1\n", "snapshot-current", "sj1", "--name");
            Result missing = jvirsh.run("snapshot-info", "sj1", "nosuch");
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.err()).contains("Domain snapshot not found: no domain snapshot with matching name 'nosuch'");
            ok(jvirsh, "Domain snapshot s1 deleted\n\n", "snapshot-delete", "sj1", "s1", "--children");
            ok(jvirsh, "\n", "snapshot-list", "sj1", "--name");
            ok(jvirsh, null, "destroy", "sj1");
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    private static Result ok(Cli jvirsh, String expectedOut, String... args) throws Exception {
        Result r = jvirsh.run(args);
        assertThat(r.status()).as(String.join(" ", args) + "\n" + r).isZero();
        if (expectedOut != null) {
            assertThat(r.out()).as(String.join(" ", args) + "\n" + r).isEqualTo(expectedOut);
        }
        return r;
    }
}
