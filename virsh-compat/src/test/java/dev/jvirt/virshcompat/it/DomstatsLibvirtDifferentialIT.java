package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jvirsh domstats} against {@code virsh domstats} of a private session libvirtd (as
 * nobody) running the same definition of the tiny guest (a qcow2 disk, a user-mode NIC, a
 * balloon polled every 5 s) at the same time: the same keys in the same order, and each value of
 * the same type (a number where libvirt gives a number). Values themselves differ by nature (CPU
 * time, paths). Only what the IT names is left out: libvirt's {@code cpu.haltpoll.*} (KVM's
 * debugfs counters).
 */
@ExtendWith(TinyGuestExtension.class)
class DomstatsLibvirtDifferentialIT {
    /** The scratch directories a test made (images, XML, the daemon's dirs), removed after it. */
    private final java.util.List<Path> made = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeScratch() throws java.io.IOException {
        for (Path p : made) {
            JvirtdUnderTest.deleteTree(p);
        }
    }

    private static final String NAME = "stats1";
    private static final String[] GROUPS = {"--state", "--cpu-total", "--balloon", "--vcpu", "--interface", "--block"};

    @Test
    void domstatsKeysAndValueTypesEqualLibvirts(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-domstats-lv-");
        made.add(scratch);
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon")); PrivateLibvirt lv = PrivateLibvirt.start()) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));

            Path lvDisk = lv.copyIn(guest.newDisk(NAME + "-lv"));
            giveToLibvirtsUser(lvDisk);
            Path lvXml = lv.writeXml(NAME + ".xml", xml(lv.copyIn(guest.kernel()), lv.copyIn(guest.initrd()), lvDisk));
            Path jvXml = scratch.resolve(NAME + ".xml");
            Files.writeString(jvXml, xml(guest.kernel(), guest.initrd(), guest.newDisk(NAME + "-jv")));

            PrivateLibvirt.Result defined = lv.virsh("define", lvXml.toString());
            assertThat(defined.exit()).as(defined.toString()).isZero();
            PrivateLibvirt.Result started = lv.virsh("start", NAME);
            assertThat(started.exit()).as(started.toString()).isZero();
            ok(jvirsh.run("define", jvXml.toString()));
            ok(jvirsh.run("start", NAME));
            try {
                // both guests' balloon drivers have reported once: every key libvirt has is there to compare
                String libvirt = await(() -> lvStats(lv), s -> s.contains("balloon.available="));
                String jvirt = await(() -> ok(jvirsh.run(join("domstats", GROUPS, NAME))), s -> s.contains("balloon.available="));
                Map<String, String> expected = types(libvirt);
                Map<String, String> actual = types(jvirt);
                Differential diff = new Differential("domstats differential");
                String subject = "domstats " + String.join(" ", GROUPS);
                diff.fact(subject, "keys in order", String.join("\n", actual.keySet()), String.join("\n", expected.keySet()));
                diff.facts(subject, actual, expected); // each key's value type (number or text)
                System.out.print(diff.report());
                assertThat(diff.differences()).isEmpty();
                assertThat(String.join("\n", actual.keySet())).as(jvirt).isEqualTo(String.join("\n", expected.keySet()));
                assertThat(actual).as("value types (number or text) by key; libvirt's:\n" + libvirt + "\njvirt's:\n" + jvirt)
                        .isEqualTo(expected);
            } finally {
                lv.virsh("destroy", NAME);
                jvirsh.run("destroy", NAME);
            }
        }
    }

    private static String lvStats(PrivateLibvirt lv) throws Exception {
        PrivateLibvirt.Result r = lv.virsh(join("domstats", GROUPS, NAME));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    /** Each key of a domstats output, in order, with "number" or "text" for its value. */
    private static Map<String, String> types(String domstats) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : domstats.lines().toList()) {
            if (l.startsWith("  ") && l.contains("=")) {
                String key = l.substring(2, l.indexOf('='));
                String value = l.substring(l.indexOf('=') + 1);
                if (!key.startsWith("cpu.haltpoll.")) {
                    out.put(key, value.matches("-?\\d+") ? "number" : "text");
                }
            }
        }
        return out;
    }

    private static String xml(Path kernel, Path initrd, Path disk) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>%d</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>%s</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <interface type='user'><model type='virtio'/></interface>
                    <serial type='pty'><target port='0'/></serial>
                    <memballoon model='virtio'><stats period='5'/></memballoon>
                  </devices>
                </domain>
                """.formatted(NAME, TinyGuest.MEMORY_MIB, kernel, initrd, TinyGuest.CMDLINE, disk);
    }

    /** As root the private libvirtd runs QEMU as nobody, which must write the disk. */
    private static void giveToLibvirtsUser(Path disk) throws Exception {
        Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-rw-rw-"));
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipalLookupService lookup = disk.getFileSystem().getUserPrincipalLookupService();
            Files.getFileAttributeView(disk, PosixFileAttributeView.class).setOwner(lookup.lookupPrincipalByName("nobody"));
        }
    }

    private interface Source {
        String get() throws Exception;
    }

    private static String await(Source s, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = s.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("domstats never had what was awaited:\n" + last);
    }

    private static String[] join(String first, String[] middle, String last) {
        String[] out = new String[middle.length + 2];
        out[0] = first;
        System.arraycopy(middle, 0, out, 1, middle.length);
        out[out.length - 1] = last;
        return out;
    }

    private static String ok(Result r) {
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.status()).as(r.toString()).isZero();
        return r.out();
    }
}
