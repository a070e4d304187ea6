package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.domainxml.DomainFacts;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.imports.DefinitionXml;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19 end to end: a private libvirt session daemon ({@link PrivateLibvirt}, as nobody) with
 * {@link ImportCorpus}'s domains, two networks and two pools (one running guest among them), and a
 * jvirtd of the test's own; {@code jvirsh import} refuses while anything is refused, changes
 * nothing with --dry-run, imports with --skip-unsupported (clashing pool and network renamed, the
 * domains following), each imported domain agrees with libvirt's dumpxml on every fact of the
 * differential harness ({@link DomainFacts}); a second import is a no-op; the guest running under
 * libvirt is untouched and refused at start in jvirt with the libvirt domain that holds its disk;
 * the tiny guest, on a volume of an imported pool, boots in jvirt.
 */
@ExtendWith(TinyGuestExtension.class)
class LibvirtImportIT {

    @Test
    void importsFromARunningLibvirt(TinyGuest guest) throws Exception {
        HostPackages.command("virsh", "libvirt-clients");
        HostPackages.file("/usr/sbin/libvirtd", "libvirt-daemon");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the private libvirt runs as nobody, started by root (PrivateLibvirt)");
        Path scratch = Files.createTempDirectory("jvirsh-import-");
        try (PrivateLibvirt lv = PrivateLibvirt.start();
                JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            ImportCorpus corpus = new ImportCorpus(lv, guest);
            corpus.define();
            String uri = lv.socketUri();
            // jvirt's own objects with the names of libvirt's: a network and a domain (a pool 'default' it has)
            Path isolated = scratch.resolve("isolated.xml");
            Files.writeString(isolated, "<network><name>isolated</name><bridge name='jvbrimp1'/>"
                    + "<ip address='10.78.0.1' netmask='255.255.255.0'/></network>\n");
            ok(jvirsh, "net-define", isolated.toString());
            ok(jvirsh, "define", TinyDomainXml.write(guest, "imp-clash", scratch).toString());
            String before = state(jvirsh);

            // bad input: each a clear error, exit 1
            Result unreachable = jvirsh.run("import", "--from", "qemu+unix:///session?socket=/nonexistent/sock", "--all");
            assertThat(unreachable.status()).as(unreachable.toString()).isEqualTo(1);
            assertThat(unreachable.err()).contains("error: Failed to import from qemu+unix:///session?socket=/nonexistent/sock\n")
                    .contains("error: cannot connect to libvirt at qemu+unix:///session?socket=/nonexistent/sock: Failed to connect socket");
            Result missing = jvirsh.run("import", "--from", uri, "imp-nosuch");
            assertThat(missing.status()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.out()).containsPattern(" domain imp-nosuch +refuse +libvirt at .* has no domain 'imp-nosuch'");
            Result nothing = jvirsh.run("import", "--from", uri);
            assertThat(nothing.status()).isEqualTo(1);
            assertThat(nothing.err()).contains("nothing to import");

            // with refusals in the plan nothing is defined
            Result refused = jvirsh.run("import", "--from", uri, "--all", "--networks", "--pools");
            System.out.println("---- import (refusals)\n" + refused);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).containsPattern(" domain imp-hostdev +refuse +jvirt cannot run it: .*hostdev")
                    .containsPattern(" domain imp-clash +refuse +jvirt has another domain named 'imp-clash'")
                    .containsPattern(" pool default -> libvirt-default +define +renamed: jvirt has another pool named 'default'")
                    .containsPattern(" network isolated -> libvirt-isolated +define +renamed: jvirt has another network named 'isolated'")
                    .containsPattern(" network default +define +bridge virbr7 is libvirt's: jvirt names its own");
            assertThat(refused.err()).contains("2 objects are refused (see the plan): nothing was defined; --skip-unsupported imports the rest");
            assertThat(state(jvirsh)).isEqualTo(before);

            Result dry = jvirsh.run("import", "--from", uri, "--all", "--networks", "--pools", "--skip-unsupported", "--dry-run");
            assertThat(dry.status()).as(dry.toString()).isEqualTo(0);
            assertThat(dry.out()).contains("Dry run: nothing changed\n");
            assertThat(state(jvirsh)).isEqualTo(before);

            Path libvirtTpm = corpus.swtpmRoot().resolve(corpus.domainUuid("imp-tpm")).resolve("tpm2");
            assertThat(libvirtTpm.resolve("tpm2-00.permall")).as("libvirt's swtpm state after a start").isRegularFile();
            Result imported = jvirsh.run("import", "--from", uri, "--all", "--networks", "--pools", "--skip-unsupported",
                    "--libvirt-swtpm-dir", corpus.swtpmRoot().toString());
            System.out.println("---- import\n" + imported);
            assertThat(imported.status()).as(imported.toString()).isEqualTo(0);
            assertThat(imported.out()).containsPattern(" domain imp-running +define +running under libvirt \\(QEMU pid \\d+\\): definition only")
                    .contains("Imported " + (4 + corpus.importable().size()) + " objects from " + uri + " (2 refused, left out)");
            assertThat(imported.err()).contains("warning: domain 'imp-running' is running under libvirt: only its definition is imported");

            // every imported domain agrees with libvirt's dumpxml on every fact
            Differential diff = new Differential("import differential");
            Map<String, String> nvrams = new java.util.HashMap<>();
            int facts = 0;
            Map<String, String> renamedPools = Map.of("default", "libvirt-default");
            Map<String, String> renamedNetworks = Map.of("isolated", "libvirt-isolated");
            for (String name : corpus.importable()) {
                PrivateLibvirt.Result dump = lv.virsh("dumpxml", "--inactive", name);
                assertThat(dump.exit()).as(dump.err()).isZero();
                // the one intended difference: references to the renamed pool and network
                DefinitionXml theirs = DefinitionXml.parse(dump.out(), name);
                theirs.renamePoolRefs(renamedPools);
                theirs.renameNetworkRefs(renamedNetworks);
                String mine = ok(jvirsh, "dumpxml", "--inactive", name).out();
                if (theirs.nvram() != null) {
                    nvrams.put(theirs.nvram(), DefinitionXml.parse(mine, name).nvram());
                    theirs.setNvram(DefinitionXml.parse(mine, name).nvram()); // and the NVRAM's copy
                }
                Domain libvirt = DomainXml.parse(theirs.format(), name + " (libvirt)");
                Domain jvirt = DomainXml.parse(mine, name + " (jvirt)");
                DomainFacts cmp = new DomainFacts(name, diff);
                cmp.compare(libvirt, jvirt, libvirt);
                facts += cmp.count();
            }
            System.out.printf("import differential: %d domains, %d facts compared%n", corpus.importable().size(), facts);
            System.out.print(diff.report());
            assertThat(diff.agree() + diff.differ()).isEqualTo(facts);
            assertThat(diff.differences()).isEmpty();
            assertThat(imported.out()).containsPattern(" domain imp-uefi +define +NVRAM copied to default/imp-uefi_VARS\\.fd");
            assertThat(imported.out()).containsPattern(" domain imp-efi-auto +define +UEFI variables: libvirt keeps them outside");
            assertThat(nvrams).as("libvirt's UEFI variables store → jvirt's copy").hasSize(1);
            nvrams.forEach((theirVars, myVars) -> {
                assertThat(myVars).endsWith("/imp-uefi_VARS.fd").isNotEqualTo(theirVars);
                try {
                    assertThat(Files.mismatch(Path.of(theirVars), Path.of(myVars))).as("the same bytes").isEqualTo(-1L);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
            // the TPM's state came along: jvirt's swtpm directory holds libvirt's files, byte for byte
            Path jvirtTpm = daemon.state.resolve("qemu/swtpm/imp-tpm/tpm0");
            assertThat(imported.out()).containsPattern(" domain imp-tpm +define +TPM state copied from " + java.util.regex.Pattern.quote(libvirtTpm.toString()));
            Map<String, byte[]> theirTpm = tpmFiles(libvirtTpm);
            assertThat(theirTpm).as("libvirt's TPM state files").isNotEmpty();
            assertThat(tpmFiles(jvirtTpm).keySet()).isEqualTo(theirTpm.keySet());
            theirTpm.forEach((f, bytes) -> assertThat(tpmFiles(jvirtTpm).get(f)).as("TPM state file " + f).isEqualTo(bytes));
            assertThat(java.nio.file.Files.getPosixFilePermissions(jvirtTpm)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            for (String f : theirTpm.keySet()) {
                assertThat(java.nio.file.Files.getPosixFilePermissions(jvirtTpm.resolve(f)))
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(ok(jvirsh, "dumpxml", "--inactive", "imp-tiny").out()).contains("<source pool='libvirt-default' volume='tiny.qcow2'/>");
            assertThat(ok(jvirsh, "dumpxml", "--inactive", "imp-isolated").out()).contains("<source network='libvirt-isolated'/>");
            assertThat(ok(jvirsh, "dominfo", "imp-auto").out()).containsPattern("Autostart: +enable");
            assertThat(ok(jvirsh, "net-dumpxml", "libvirt-isolated").out()).contains("<ip address='10.77.0.1' netmask='255.255.255.0'")
                    .contains(corpus.networkUuid("isolated"));
            assertThat(ok(jvirsh, "net-dumpxml", "default").out()).doesNotContain("virbr7")
                    .contains("<range start='192.168.157.10' end='192.168.157.99'");
            assertThat(ok(jvirsh, "pool-dumpxml", "libvirt-default").out()).contains(corpus.poolDir("default").toString());
            assertThat(ok(jvirsh, "pool-list", "--all").out()).containsPattern(" imp-b +active +yes");

            // a second import is a no-op
            String after = state(jvirsh);
            Result again = jvirsh.run("import", "--from", uri, "--all", "--networks", "--pools", "--skip-unsupported",
                    "--libvirt-swtpm-dir", corpus.swtpmRoot().toString());
            assertThat(again.status()).as(again.toString()).isEqualTo(0);
            assertThat(again.out()).doesNotContainPattern(" define ").contains("Imported 0 objects");
            assertThat(state(jvirsh)).isEqualTo(after);

            long t0 = System.nanoTime();
            // the guest libvirt runs: untouched, and refused at start in jvirt with the reason
            Result start = jvirsh.run("start", "imp-running");
            assertThat(start.status()).as(start.toString()).isEqualTo(1);
            assertThat(start.err()).contains("error: Failed to start domain 'imp-running'")
                    .containsPattern("disk '.*running\\.qcow2' is in use by libvirt's domain 'imp-running' \\(QEMU pid \\d+\\)");
            assertThat(lv.virsh("domstate", "imp-running").out().strip()).isEqualTo("running");

            System.out.printf("refused start took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            // the tiny guest boots in jvirt on its volume of the imported (renamed) pool
            ok(jvirsh, "start", "imp-tiny");
            SerialOutput.await(daemon.state.resolve("log/qemu/imp-tiny.console.log"), TinyGuest.READY_MARKER, Duration.ofSeconds(90));
            assertThat(ok(jvirsh, "domblklist", "imp-tiny").out()).containsPattern(" vda +libvirt-default/tiny.qcow2\n");
            System.out.printf("imported tiny guest booted in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            ok(jvirsh, "destroy", "imp-tiny");

            // a jvirt start of the imported TPM domain runs swtpm on the imported state
            ok(jvirsh, "start", "imp-tpm");
            String swtpm = swtpmCommandLine(daemon.runtime);
            assertThat(swtpm).as("swtpm of imp-tpm").contains("dir=" + jvirtTpm);
            ok(jvirsh, "destroy", "imp-tpm");
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /**
     * System mode in namespaces of the test's own ({@link ImportNetworkScenario}): the tiny guest
     * imported with its NAT network and its pool (--move-disks: its volume copied into jvirt's
     * default pool) boots in jvirt from the copy and gets a DHCP lease from the imported network.
     */
    @Test
    void theImportedTinyGuestBootsOnTheImportedNetworkAndPool(TinyGuest guest) throws Exception {
        HostPackages.command("virsh", "libvirt-clients");
        assumeTrue(SystemModeNamespace.root(), "network namespaces and system mode need root");
        Path work = Files.createTempDirectory(guest.scratchDir(), "import-net-");
        try (PrivateLibvirt lv = PrivateLibvirt.start()) {
            Path pool = lv.home().resolve("pool-netpool");
            must(lv, "pool-define-as", "imp-netpool", "dir", "--target", pool.toString());
            must(lv, "pool-build", "imp-netpool");
            must(lv, "pool-start", "imp-netpool");
            must(lv, "vol-create-as", "imp-netpool", "net.qcow2", "16M", "--format", "qcow2");
            must(lv, "net-define", lv.writeXml("lan.xml", "<network><name>imp-lan</name><forward mode='nat'/>"
                    + "<ip address='10.66.0.1' netmask='255.255.255.0'><dhcp><range start='10.66.0.100' end='10.66.0.199'/>"
                    + "</dhcp></ip></network>\n").toString());
            must(lv, "define", lv.writeXml("imp-net.xml", "<domain type='qemu'><name>imp-net</name><memory unit='MiB'>"
                    + TinyGuest.MEMORY_MIB + "</memory><os><type arch='x86_64' machine='pc'>hvm</type><kernel>"
                    + lv.copyIn(guest.kernel()) + "</kernel><initrd>" + lv.copyIn(guest.initrd()) + "</initrd><cmdline>"
                    + TinyGuest.CMDLINE + "</cmdline></os><features><acpi/></features><devices>"
                    + "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='imp-netpool' volume='net.qcow2'/>"
                    + "<target dev='vda' bus='virtio'/></disk><interface type='network'><mac address='52:54:00:66:00:01'/>"
                    + "<source network='imp-lan'/><model type='virtio'/></interface><serial type='pty'><target port='0'/></serial>"
                    + "</devices></domain>\n").toString());
            String output = SystemModeNamespace.run("jvimportit-" + ProcessHandle.current().pid(), ImportNetworkScenario.class,
                    work.resolve("scenario.out"), 600, List.of(work.resolve("jvirtd-1.log")),
                    lv.socketUri(), "imp-net", "imp-lan", "52:54:00:66:00:01", work.toString());
            System.out.println(output);
            assertThat(output).contains("scenario-done=1");
            assertThat(SystemModeNamespace.block(output, "import")).containsPattern(" pool imp-netpool +define")
                    .containsPattern(" network imp-lan +define")
                    .containsPattern(" domain imp-net +define +volume imp-netpool/net.qcow2 copied to default/net.qcow2");
            assertThat(SystemModeNamespace.value(output, "status-start")).isEqualTo("0");
            assertThat(SystemModeNamespace.value(output, "booted")).isEqualTo("true");
            assertThat(SystemModeNamespace.value(output, "guest-disk")).as("the pool's volume is the guest's vda").isEqualTo("true");
            assertThat(SystemModeNamespace.value(output, "guest-ip")).startsWith("10.66.0.1");
            assertThat(SystemModeNamespace.block(output, "net-dhcp-leases")).contains("52:54:00:66:00:01");
            assertThat(SystemModeNamespace.block(output, "domblklist")).as("the copy, in jvirt's pool").contains(" default/net.qcow2");
            assertThat(pool.resolve("net.qcow2")).as("libvirt's volume stays").exists();
        } finally {
            JvirtdUnderTest.deleteTree(work);
        }
    }

    /** The regular files of a swtpm state directory but its lock file, by name. */
    private static Map<String, byte[]> tpmFiles(Path dir) {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (!p.getFileName().toString().equals(".lock") && Files.isRegularFile(p)) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** The command line of the swtpm jvirtd started for imp-tpm (its pid file in the domain's runtime directory). */
    private static String swtpmCommandLine(Path runtime) throws Exception {
        Path pidFile = runtime.resolve("qemu/imp-tpm/tpm0-swtpm.pid");
        assertThat(pidFile).exists();
        String pid = Files.readString(pidFile).strip();
        return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }

    private static void must(PrivateLibvirt lv, String... args) throws Exception {
        PrivateLibvirt.Result r = lv.virsh(args);
        assertThat(r.exit()).as("virsh " + String.join(" ", args) + ": " + r.err()).isZero();
    }

    /** Domains, networks and pools as jvirsh lists them, and every definition: what an import may change. */
    private static String state(Cli jvirsh) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(ok(jvirsh, "list", "--all").out()).append(ok(jvirsh, "net-list", "--all").out())
                .append(ok(jvirsh, "pool-list", "--all").out());
        for (String name : ok(jvirsh, "list", "--all", "--name").out().strip().split("\n")) {
            if (!name.isBlank()) {
                sb.append(ok(jvirsh, "dumpxml", "--inactive", name).out());
            }
        }
        return sb.toString();
    }

    private static Result ok(Cli jvirsh, String... args) throws Exception {
        Result r = jvirsh.run(args);
        assertThat(r.status()).as(String.join(" ", args) + ":\n" + r).isZero();
        return r;
    }
}
