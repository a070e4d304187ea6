package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.testimages.LxdGuestImage;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 end to end, as a user drives it with bin/jvirsh against a real jvirtd: a Debian guest
 * (test-images/build-lxd-guest, TCG) defined with the {@code jvirt:nested-lxd} option, started,
 * LXD ready inside it (nested-status: LXD answers and the preseed applied), a busybox container
 * launched from the image the seed carried and RUNNING with an address on the LXD bridge, a proc
 * mounted off /proc inside it allowed with nesting on and refused (AppArmor) in a container with
 * nesting off, guest-exec's output and exit status, and shutdown by the guest agent.
 *
 * <p>Slow (minutes under TCG: the guest boots, cloud-init and LXD initialise); every wait is
 * generous and nothing is timed. A cold image build (debootstrap) needs root.
 */
class NestedLxdIT {

    private static final String XML = """
            <domain type='qemu'>
              <name>lxd1</name>
              <metadata>
                <jvirt:nested-lxd xmlns:jvirt='https://jvirt.dev/xmlns/nested-lxd/1' storage='dir' bridge='lxdbr0'
                    subnet='10.23.0.1/24' nesting='true' image='%s' image-alias='busybox'/>
              </metadata>
              <memory unit='MiB'>2048</memory>
              <vcpu>2</vcpu>
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
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    @Test
    void nestedLxdFromDefineToAgentShutdown() throws Exception {
        assumeTrue(isRoot() || Files.isDirectory(Path.of(System.getProperty("user.home"), ".cache/jvirt/lxd-guest")),
                "the nested-LXD guest image is built with debootstrap, which needs root: run ./test as root");
        LxdGuestImage image = LxdGuestImage.build(); // a cache hit after the first build on this machine
        Path scratch = Files.createTempDirectory("jvirt-nested-lxd-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            Path disk = scratch.resolve("lxd1.qcow2"); // an overlay: the cached image stays as built
            run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", image.disk().toString(), disk.toString()));
            Path xml = scratch.resolve("lxd1.xml");
            Files.writeString(xml, String.format(XML, image.busyboxImage(), image.kernel(), image.initrd(),
                    LxdGuestImage.CMDLINE, disk));

            expect(jvirsh.run("define", xml.toString()), 0, "Domain 'lxd1' defined from " + xml + "\n\n");
            expect(jvirsh.run("start", "lxd1"), 0, "Domain 'lxd1' started\n\n");
            String live = jvirsh.run("dumpxml", "lxd1").out();
            assertThat(live).contains("org.qemu.guest_agent.0").contains("cidata.iso").contains("nested-lxd");
            assertThat(jvirsh.run("dumpxml", "--inactive", "lxd1").out()).doesNotContain("cidata.iso");

            // LXD ready: it answers and its preseed applied (pool, bridge and subnet, nesting in the profile)
            Result ready = poll(jvirsh, 900, r -> r.status() == 0, "nested-status", "lxd1");
            assertThat(ready.out()).as(ready.toString()).contains("LXD ready:      yes").contains("lxd.service:    active")
                    .contains("LXD setup:      done");

            Result launch = jvirsh(jvirsh, 600, "lxc", "lxd1", "--timeout", "600", "--", "launch", "busybox", "c1");
            assertThat(launch.status()).as(launch.toString()).isZero();
            Result running = poll(jvirsh, 300, r -> r.out().lines().anyMatch(l -> l.startsWith("c1 ")
                    && l.contains(" RUNNING ") && l.contains("10.23.0.")), "nested-status", "lxd1");
            assertThat(running.out()).as(running.toString()).contains("security.nesting=true");

            // nesting on: a fresh proc off /proc mounts; nesting off: AppArmor refuses it
            String mountProc = "mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo mounted";
            Result nested = jvirsh(jvirsh, 300, "lxc", "lxd1", "--", "exec", "c1", "--", "sh", "-c", mountProc);
            assertThat(nested.status()).as(nested.toString()).isZero();
            assertThat(nested.out()).as(nested.toString()).isEqualTo("mounted\n");
            Result plain = jvirsh(jvirsh, 600, "lxc", "lxd1", "--timeout", "600", "--", "launch", "busybox", "c2",
                    "-c", "security.nesting=false");
            assertThat(plain.status()).as(plain.toString()).isZero();
            Result refused = jvirsh(jvirsh, 300, "lxc", "lxd1", "--", "exec", "c2", "--", "sh", "-c", mountProc);
            assertThat(refused.status()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).as(refused.toString()).containsIgnoringCase("permission denied");
            Result denial = jvirsh(jvirsh, 120, "guest-exec", "lxd1", "--", "/bin/sh", "-c",
                    "journalctl -k --no-pager | grep -c 'apparmor=\"DENIED\" operation=\"mount\"'");
            assertThat(denial.status()).as("the kernel logged AppArmor's mount denial: " + denial).isZero();

            // guest-exec: output, error output and exit status as the command gave them; stdin from a pipe
            Result exec = jvirsh(jvirsh, 120, "guest-exec", "lxd1", "--", "/bin/sh", "-c", "echo out; echo err >&2; exit 3");
            assertThat(exec.status()).as(exec.toString()).isEqualTo(3);
            assertThat(exec.out()).isEqualTo("out\n");
            assertThat(exec.err()).isEqualTo("err\n");
            Process cat = jvirsh.start("guest-exec", "lxd1", "--stdin", "--", "/bin/cat");
            Cli.write(cat.getOutputStream(), "from a pipe\n");
            cat.getOutputStream().close();
            Result piped = Cli.finish(cat, 120);
            assertThat(piped.status()).as(piped.toString()).isZero();
            assertThat(piped.out()).isEqualTo("from a pipe\n");

            // domifaddr --source agent: the guest's own interfaces, as its agent lists them
            Result addrs = jvirsh.run("domifaddr", "lxd1", "--source", "agent");
            assertThat(addrs.status()).as(addrs.toString()).isZero();
            assertThat(addrs.out()).as(addrs.toString()).contains(" Name       MAC address          Protocol     Address")
                    .containsPattern("(?m)^ lo         00:00:00:00:00:00    ipv4         127\\.0\\.0\\.1/8$");

            // shutdown by the guest agent: the guest powers off, the domain is shut off (shutdown)
            expect(jvirsh.run("shutdown", "--mode", "agent", "lxd1"), 0, "Domain 'lxd1' is being shutdown\n\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!daemon.api().state("lxd1").state().equals("shut off") && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            expect(jvirsh.run("domstate", "--reason", "lxd1"), 0, "shut off (shutdown)\n\n");
            expect(jvirsh.run("undefine", "lxd1"), 0, "Domain 'lxd1' has been undefined\n\n");
        } finally {
            JvirtdUnderTest.killProcessesMentioning(scratch);
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** Runs jvirsh {@code args} with up to {@code seconds} for it to finish. */
    private static Result jvirsh(Cli cli, int seconds, String... args) throws Exception {
        Process p = cli.start(args);
        p.getOutputStream().close();
        return Cli.finish(p, seconds);
    }

    /** Runs jvirsh {@code args} every few seconds until {@code done}, for up to {@code seconds}; the last result. */
    private static Result poll(Cli cli, int seconds, Predicate<Result> done, String... args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Result last = null;
        while (System.nanoTime() < deadline) {
            last = jvirsh(cli, 300, args);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(5000);
        }
        throw new AssertionError("jvirsh " + String.join(" ", args) + " not as expected within " + seconds + " s; last:\n" + last);
    }

    private static void expect(Result r, int status, String out) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.out()).as(r.toString()).isEqualTo(out);
    }

    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    private static boolean isRoot() {
        try {
            return "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (Exception e) {
            return false;
        }
    }
}
