package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.it.Cli.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/jvirsh's pool-* and vol-* against a real jvirtd with real qemu-img on a dir pool, in
 * virsh 9.0's words; and jvirtd killed (SIGKILL) during a 1 GiB upload: the client says so, the
 * volume is marked incomplete and a guest on it is refused at start.
 */
class JvirshStorageIT {

    @Test
    void poolAndVolumeCommandsOnADirPool() throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-storage-");
        try {
            try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
                Distribution dist = Distribution.find(scratch);
                daemon.start(dist);
                Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
                Path target = scratch.resolve("pool-p");
                Path xml = scratch.resolve("p.xml");
                Files.writeString(xml, "<pool type='dir'><name>p</name><target><path>" + target + "</path></target></pool>\n");

                ok(jvirsh, "Pool p defined from " + xml + "\n\n", "pool-define", xml.toString());
                ok(jvirsh, "Pool p built\n\n", "pool-build", "p");
                ok(jvirsh, "Pool p started\n\n", "pool-start", "p");
                ok(jvirsh, "Pool p marked as autostarted\n\n", "pool-autostart", "p");
                assertThat(ok(jvirsh, null, "pool-list", "--all").out()).contains(" Name      State    Autostart\n")
                        .contains(" default   active   yes\n").contains(" p         active   yes\n");
                assertThat(ok(jvirsh, null, "pool-info", "p").out()).startsWith("Name:           p\nUUID:           ")
                        .contains("State:          running\nPersistent:     yes\nAutostart:      yes\nCapacity:       ");
                assertThat(ok(jvirsh, null, "pool-dumpxml", "p").out()).contains("<name>p</name>").contains("<path>" + target + "</path>");
                // pool-create-as: a transient pool, gone once destroyed; pool-define-as --print-xml writes the XML
                Path t = scratch.resolve("pool-t");
                Files.createDirectories(t);
                ok(jvirsh, "Pool t created\n\n", "pool-create-as", "t", "dir", "--target", t.toString());
                assertThat(ok(jvirsh, null, "pool-list", "--transient").out()).contains(" t ").doesNotContain(" p ");
                ok(jvirsh, "Pool t destroyed\n\n", "pool-destroy", "t");
                assertThat(ok(jvirsh, null, "pool-list", "--all").out()).doesNotContain(" t ");
                assertThat(ok(jvirsh, null, "pool-define-as", "n", "netfs", "--source-host", "nfs.example", "--source-path", "/export",
                        "--target", "/mnt/n", "--print-xml").out()).isEqualTo("<pool type='netfs'>\n  <name>n</name>\n  <source>\n"
                        + "    <host name='nfs.example'/>\n    <dir path='/export'/>\n  </source>\n  <target>\n    <path>/mnt/n</path>\n"
                        + "  </target>\n</pool>\n\n");

                ok(jvirsh, "Vol base.qcow2 created\n\n", "vol-create-as", "p", "base.qcow2", "64M", "--format", "qcow2");
                ok(jvirsh, "Vol web1.qcow2 created\n\n", "vol-create-as", "p", "web1.qcow2", "64M", "--backing-vol", "base.qcow2",
                        "--backing-vol-format", "qcow2", "--format", "qcow2");
                ok(jvirsh, "Vol disk.raw created\n\n", "vol-create-as", "p", "disk.raw", "16MiB");
                Result details = ok(jvirsh, null, "vol-list", "p", "--details");
                assertThat(details.out()).startsWith(" Name ").contains("   Type   Capacity    Allocation\n")
                        .containsPattern(" disk\\.raw +" + java.util.regex.Pattern.quote(target.resolve("disk.raw").toString())
                                + " +file +16\\.00 MiB +[0-9.]+ K?i?B\n");
                assertThat(ok(jvirsh, null, "vol-info", "web1.qcow2", "--pool", "p").out())
                        .isEqualTo("Name:           web1.qcow2\nType:           file\nCapacity:       64.00 MiB\nAllocation:     196.00 KiB\n"
                                + "Backing:        " + target.resolve("base.qcow2") + " (qcow2)\n\n");
                assertThat(ok(jvirsh, null, "vol-info", "--bytes", target.resolve("disk.raw").toString()).out())
                        .contains("Capacity:       16777216 bytes\n");
                assertThat(ok(jvirsh, null, "vol-dumpxml", "--pool", "p", "web1.qcow2").out()).contains("<backingStore>")
                        .contains("<format type='qcow2'/>");
                ok(jvirsh, target.resolve("disk.raw") + "\n\n", "vol-path", "--pool", "p", "disk.raw");
                ok(jvirsh, target.resolve("disk.raw") + "\n\n", "vol-key", "--pool", "p", "disk.raw");
                ok(jvirsh, "disk.raw\n\n", "vol-name", target.resolve("disk.raw").toString());

                ok(jvirsh, "Size of volume 'disk.raw' successfully changed to 32M\n\n", "vol-resize", "--pool", "p", "disk.raw", "32M");
                Result shrink = jvirsh.run("vol-resize", "--pool", "p", "disk.raw", "8M");
                assertThat(shrink.status()).as(shrink.toString()).isEqualTo(1);
                assertThat(shrink.err()).contains("error: Failed to change size of volume 'disk.raw' to 8M\n").contains("--shrink");
                ok(jvirsh, "Size of volume 'disk.raw' successfully changed to 16M\n\n", "vol-resize", "--pool", "p", "disk.raw", "16M", "--shrink");

                // upload and download keep the bytes and the holes
                Path src = scratch.resolve("src.raw");
                sparseFile(src, 16L << 20, 4);
                ok(jvirsh, "\n", "vol-upload", "--pool", "p", "disk.raw", src.toString());
                assertThat(sha256(target.resolve("disk.raw"))).isEqualTo(sha256(src));
                Path back = scratch.resolve("back.raw");
                ok(jvirsh, "\n", "vol-download", "--pool", "p", "disk.raw", back.toString());
                assertThat(sha256(back)).isEqualTo(sha256(src));
                assertThat(Files.size(back)).isEqualTo(16L << 20);
                assertThat(allocated(back)).as("the download keeps holes").isLessThan(8L << 20);
                Path big = scratch.resolve("big.raw");
                sparseFile(big, 32L << 20, 1);
                Result tooBig = jvirsh.run("vol-upload", "--pool", "p", "disk.raw", big.toString());
                assertThat(tooBig.err()).as(tooBig.toString()).contains("error: cannot upload to volume disk.raw\n")
                        .contains("is larger than");

                ok(jvirsh, "Vol copy.raw cloned from disk.raw\n\n", "vol-clone", "--pool", "p", "disk.raw", "copy.raw");
                assertThat(sha256(target.resolve("copy.raw"))).isEqualTo(sha256(src));
                Path volXml = scratch.resolve("v.xml");
                Files.writeString(volXml, "<volume><name>fromxml.qcow2</name><capacity unit='M'>8</capacity>"
                        + "<target><format type='qcow2'/></target></volume>\n");
                ok(jvirsh, "Vol fromxml.qcow2 created from " + volXml + "\n\n", "vol-create", "p", volXml.toString());
                Files.writeString(volXml, "<volume><name>from2.raw</name><capacity unit='M'>16</capacity>"
                        + "<target><format type='raw'/></target></volume>\n");
                ok(jvirsh, "Vol from2.raw created from input vol disk.raw\n\n", "vol-create-from", "p", volXml.toString(), "disk.raw");
                assertThat(sha256(target.resolve("from2.raw"))).isEqualTo(sha256(src));
                ok(jvirsh, "Vol copy.raw wiped\n\n", "vol-wipe", "--pool", "p", "copy.raw");
                assertThat(Files.readAllBytes(target.resolve("copy.raw"))).containsOnly(0);

                // names that would leave the pool are refused, and nothing is written outside it
                for (String bad : new String[] {"../escape.raw", "/etc/escape.raw", "-o"}) {
                    Result r = jvirsh.run("vol-create-as", "p", "--", bad, "1M");
                    assertThat(r.status()).as(r.toString()).isEqualTo(1);
                    assertThat(r.err()).as(r.toString()).startsWith("error: Failed to create vol " + bad + "\n");
                }
                assertThat(scratch.resolve("escape.raw")).doesNotExist();
                assertThat(Path.of("/etc/escape.raw")).doesNotExist();

                // a volume a defined domain uses: refused, then forced with a warning naming it
                Path domXml = scratch.resolve("d.xml");
                Files.writeString(domXml, "<domain type='qemu'><name>user1</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                        + "<devices><disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                        + "<source pool='p' volume='web1.qcow2'/><target dev='vda' bus='virtio'/></disk></devices></domain>\n");
                ok(jvirsh, null, "define", domXml.toString());
                Result inUse = jvirsh.run("vol-delete", "--pool", "p", "web1.qcow2");
                assertThat(inUse.status()).as(inUse.toString()).isEqualTo(1);
                assertThat(inUse.err()).contains("error: Failed to delete vol web1.qcow2\n").contains("used by domain 'user1'");
                Result forced = jvirsh.run("vol-delete", "--pool", "p", "web1.qcow2", "--force");
                assertThat(forced.status()).as(forced.toString()).isZero();
                assertThat(forced.err()).isEqualTo("warning: volume web1.qcow2 was used by domain 'user1'\n");
                assertThat(forced.out()).isEqualTo("Vol web1.qcow2 deleted\n\n");

                // undefine --remove-all-storage: the volumes go; a file outside every pool is named, not touched
                ok(jvirsh, "Vol rm.qcow2 created\n\n", "vol-create-as", "p", "rm.qcow2", "8M", "--format", "qcow2");
                Path outside = scratch.resolve("outside.raw");
                Files.write(outside, new byte[4096]);
                Path rmXml = scratch.resolve("rm.xml");
                Files.writeString(rmXml, "<domain type='qemu'><name>rm1</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                        + "<devices><disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                        + "<source pool='p' volume='rm.qcow2'/><target dev='vda' bus='virtio'/></disk>"
                        + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + outside + "'/>"
                        + "<target dev='vdb' bus='virtio'/></disk></devices></domain>\n");
                ok(jvirsh, null, "define", rmXml.toString());
                Result rm = jvirsh.run("undefine", "rm1", "--remove-all-storage");
                assertThat(rm.out()).as(rm.toString()).isEqualTo("Domain 'rm1' has been undefined\nVolume 'vda'(rm.qcow2) removed.\n\n");
                assertThat(rm.err()).as(rm.toString()).isEqualTo("error: Storage volume 'vdb'(" + outside
                        + ") is not managed by jvirt. Remove it manually.\n");
                assertThat(target.resolve("rm.qcow2")).doesNotExist();
                assertThat(outside).exists();

                ok(jvirsh, "Pool p refreshed\n\n", "pool-refresh", "p");
                ok(jvirsh, "Pool p destroyed\n\n", "pool-destroy", "p");
                assertThat(ok(jvirsh, null, "pool-list", "--all", "--details").out()).contains(" p         inactive   yes ");
                Result missing = jvirsh.run("vol-list", "nosuch");
                assertThat(missing.err()).contains("error: Storage pool not found: no storage pool named 'nosuch'");
                Result notEmpty = jvirsh.run("pool-delete", "p");
                assertThat(notEmpty.err()).as(notEmpty.toString()).contains("error: Failed to delete pool p\n").contains("is not empty");
                ok(jvirsh, "Pool p started\n\n", "pool-start", "p");
                for (String v : new String[] {"base.qcow2", "disk.raw", "copy.raw", "fromxml.qcow2", "from2.raw"}) {
                    ok(jvirsh, "Vol " + v + " deleted\n\n", "vol-delete", "--pool", "p", v);
                }
                ok(jvirsh, "Pool p destroyed\n\n", "pool-destroy", "p");
                ok(jvirsh, "Pool p deleted\n\n", "pool-delete", "p");
                assertThat(target).doesNotExist();
                ok(jvirsh, "Pool p has been undefined\n\n", "pool-undefine", "p");
            }
        } finally {
            JvirtdUnderTest.deleteTree(scratch); // the images made here too
        }
    }

    @Test
    void jvirtdKilledDuringALargeUploadLeavesTheVolumeIncompleteAndRefusedAtStart() throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-upload-kill-");
        try {
            try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
                Distribution dist = Distribution.find(scratch);
                daemon.start(dist);
                Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
                ok(jvirsh, "Vol big.raw created\n\n", "vol-create-as", "default", "big.raw", "1G");
                Path src = scratch.resolve("src.raw");
                sparseFile(src, 1L << 30, 512); // 1 GiB, half of it data
                Process upload = jvirsh.start("vol-upload", "--pool", "default", "big.raw", src.toString());
                upload.getOutputStream().close();
                java.util.concurrent.CompletableFuture<String> out = Cli.drain(upload.getInputStream());
                BufferedReader err = new BufferedReader(new InputStreamReader(upload.getErrorStream(), StandardCharsets.UTF_8));
                StringBuilder errText = new StringBuilder();
                String line;
                while ((line = err.readLine()) != null) {
                    errText.append(line).append('\n');
                    if (line.startsWith("vol-upload: 10%")) {
                        break;
                    }
                }
                assertThat(line).as("progress before the kill: " + errText).isNotNull();
                daemon.kill9();
                try {
                    while ((line = err.readLine()) != null) {
                        errText.append(line).append('\n');
                    }
                } finally {
                    assertThat(upload.waitFor(120, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(upload.exitValue()).as(errText.toString()).isEqualTo(1);
                assertThat(errText.toString()).contains("error: cannot upload to volume big.raw\n")
                        .contains("lost the connection to jvirtd during the upload into volume 'big.raw' of pool 'default'")
                        .contains("marked incomplete");
                out.join();

                daemon.start(dist);
                Result info = ok(jvirsh, null, "vol-info", "--pool", "default", "big.raw");
                assertThat(info.out()).contains("Incomplete:     yes");
                Path domXml = scratch.resolve("d.xml");
                Files.writeString(domXml, "<domain type='qemu'><name>onbig</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                        + "<devices><disk type='volume' device='disk'><driver name='qemu' type='raw'/>"
                        + "<source pool='default' volume='big.raw'/><target dev='vda' bus='virtio'/></disk></devices></domain>\n");
                ok(jvirsh, null, "define", domXml.toString());
                Result start = jvirsh.run("start", "onbig");
                assertThat(start.status()).as(start.toString()).isEqualTo(1);
                assertThat(start.err()).as(start.toString()).contains("error: Failed to start domain 'onbig'")
                        .contains("incomplete").contains("vol-upload");
                Result dl = jvirsh.run("vol-download", "--pool", "default", "big.raw", scratch.resolve("dl.raw").toString());
                assertThat(dl.err()).as(dl.toString()).contains("incomplete");

                // an upload that completes makes it whole again
                Path small = scratch.resolve("small.raw");
                sparseFile(small, 8L << 20, 2);
                ok(jvirsh, "\n", "vol-upload", "--pool", "default", "big.raw", small.toString());
                assertThat(ok(jvirsh, null, "vol-info", "--pool", "default", "big.raw").out()).doesNotContain("Incomplete");
            }
        } finally {
            JvirtdUnderTest.deleteTree(scratch); // the images made here too
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

    /** A file of {@code size} bytes: {@code chunks} MiB of random data spread evenly, holes between. */
    static void sparseFile(Path p, long size, int chunks) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] mib = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            long stride = size / chunks;
            for (int i = 0; i < chunks; i++) {
                rnd.nextBytes(mib);
                f.seek(i * stride);
                f.write(mib, 0, (int) Math.min(mib.length, size - i * stride));
            }
        }
    }

    private static long allocated(Path p) throws Exception {
        Process du = new ProcessBuilder("du", "-B1", p.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
