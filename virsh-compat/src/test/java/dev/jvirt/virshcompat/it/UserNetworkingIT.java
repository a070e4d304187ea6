package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code <interface type='user'>} NIC in session mode, without root: the session jvirtd, its
 * QEMU and jvirsh run as an unprivileged user ({@code nobody} when the test runs as root, else the
 * test's own user). The guest gets 10.0.2.15 from QEMU's user networking (slirp) DHCP and reaches a
 * TCP service the test listens with on the host's 127.0.0.1, at the slirp gateway 10.0.2.2.
 */
@ExtendWith(TinyGuestExtension.class)
class UserNetworkingIT {

    private static final String XML = """
            <domain type='qemu'>
              <name>usernet1</name>
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
                <interface type='user'>
                  <mac address='52:54:00:4a:56:02'/>
                  <model type='virtio'/>
                </interface>
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    @Test
    void aUserNicGetsSlirpsAddressAndReachesAHostLoopbackServiceWithoutRoot(TinyGuest guest) throws Exception {
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        Path scratch = Files.createTempDirectory("jvirt-usernet-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(scratch.resolve("home"));
        List<String> asUser = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                "HOME=" + home, "XDG_RUNTIME_DIR=" + home) : List.of();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch.resolve("build"));
            if (root) {
                dist = dist.selfContained(scratch); // nobody cannot read root's ~/.m2
            }
            Path kernel = Files.copy(guest.kernel(), scratch.resolve("vmlinuz"));
            Path initrd = Files.copy(guest.initrd(), scratch.resolve("initrd.img"));
            Path xml = scratch.resolve("usernet1.xml");
            Files.writeString(xml, String.format(XML, TinyGuest.MEMORY_MIB, kernel, initrd, TinyGuest.CMDLINE));
            Files.createDirectories(daemon.root);
            if (root) {
                for (Path p : List.of(kernel, initrd, xml)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
                sh("chown", "-R", "65534:65534", home.toString(), daemon.root.toString());
            }
            daemon.start(dist, asUser);
            Cli jvirsh = new Cli(asUser, dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));

            Cli.Result created = jvirsh.run("create", xml.toString());
            assertThat(created.status()).as(created.toString()).isZero();
            long qemu = qemuPid(scratch);
            assertThat(uid(qemu)).as("QEMU runs as the daemon's user").isEqualTo(root ? 65534 : uid(ProcessHandle.current().pid()));
            Path log = daemon.state.resolve("log/qemu/usernet1.console.log");
            SerialOutput.await(log, "JVIRT-GUEST-IP eth0 10.0.2.15/24", Duration.ofSeconds(180));

            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                } catch (java.io.IOException e) {
                    return "accept failed: " + e;
                }
            });
            int status = GuestShell.run(jvirsh, "usernet1", "echo usernet-hello | nc 10.0.2.2 " + server.getLocalPort(), 120);
            assertThat(status).as("nc in the guest").isZero();
            assertThat(received.get(30, TimeUnit.SECONDS)).as("what the host's loopback service got from the guest")
                    .isEqualTo("usernet-hello");
            Cli.Result destroyed = jvirsh.run("destroy", "usernet1");
            assertThat(destroyed.status()).as(destroyed.toString()).isZero();
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** The pid of the QEMU whose command line names {@code dir}. */
    private static long qemuPid(Path dir) throws Exception {
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        StandardCharsets.UTF_8);
                if (cmd.startsWith("/usr/bin/qemu-system") || cmd.contains("qemu-system-x86_64\0")) {
                    if (cmd.contains(dir.toString())) {
                        return p.pid();
                    }
                }
            } catch (java.io.IOException gone) {
                // exited meanwhile
            }
        }
        throw new AssertionError("no QEMU names " + dir);
    }

    private static int uid(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new AssertionError("no Uid in /proc/" + pid + "/status");
    }

    private static void sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
    }
}
