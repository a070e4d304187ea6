package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code <interface type='user'><backend type='passt'/>} in session mode, without root, beside
 * {@link UserNetworkingIT}'s slirp NIC: the session jvirtd, its QEMU, the passt it starts and
 * jvirsh run as an unprivileged user ({@code nobody} when the test runs as root). passt gives the
 * guest, by DHCP, the host's own address and default gateway (passt(1): "guest and host share IP
 * addresses, routes"), and maps TCP connections to that gateway address to the host's loopback
 * (its default, which {@code --no-map-gw} turns off): the guest's {@code nc GATEWAY PORT} reaches
 * the server this test listens with on 127.0.0.1; a {@code <portForward>} on 127.0.0.1 reaches a
 * listener in the guest. After destroy no passt of the guest's is left, nor
 * after a crash while jvirtd was down (the next jvirtd stops the passt its runtime dir records).
 * Nothing leaves the host: the only traffic is DHCP answered inside passt and the loopback connection.
 */
@ExtendWith(TinyGuestExtension.class)
class PasstNetworkingIT {

    private static final String XML = """
            <domain type='qemu'>
              <name>passtnet1</name>
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
                  <mac address='52:54:00:4a:56:12'/>
                  <portForward proto='tcp' address='127.0.0.1'>
                    <range start='%d' to='5555'/>
                  </portForward>
                  <model type='virtio'/>
                  <backend type='passt' logFile='%s'/>
                </interface>
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    /** The host's IPv4 default route: its interface's address, prefix and gateway, which passt hands the guest. */
    private record DefaultRoute(String iface, String address, int prefix, String gateway) {
    }

    @Test
    void aPasstNicGetsTheHostsAddressByDhcpAndReachesAHostLoopbackServiceWithoutRoot(TinyGuest guest) throws Exception {
        HostPackages.command("passt", "passt"); // scripts/install-deps installs it: missing is a broken setup
        DefaultRoute route = defaultRoute();
        assumeTrue(route != null, "passt copies the host's IPv4 address and default route to the guest, and this host "
                + "has no IPv4 default route (with an address on its interface): passt has no address to give");
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        Path scratch = Files.createTempDirectory("jvirt-passt-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(scratch.resolve("home"));
        List<String> asUser = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                "HOME=" + home, "XDG_RUNTIME_DIR=" + home) : List.of();
        Path passtLog = home.resolve("passt-net0.log");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch.resolve("build"));
            if (root) {
                dist = dist.selfContained(scratch); // nobody cannot read root's ~/.m2
            }
            Path kernel = Files.copy(guest.kernel(), scratch.resolve("vmlinuz"));
            Path initrd = Files.copy(guest.initrd(), scratch.resolve("initrd.img"));
            Path xml = scratch.resolve("passtnet1.xml");
            int forwarded;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                forwarded = probe.getLocalPort(); // free now; passt binds it on 127.0.0.1 only
            }
            Files.writeString(xml, String.format(XML, TinyGuest.MEMORY_MIB, kernel, initrd, TinyGuest.CMDLINE, forwarded, passtLog));
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
            assertThat(created.status()).as(created + "\njvirtd:\n" + daemon.log() + "\npasst log:\n" + read(passtLog)).isZero();
            int me = root ? 65534 : uid(ProcessHandle.current().pid());
            List<Long> passts = passtsNaming(daemon.runtime);
            assertThat(passts).as("one passt for the one passt NIC, on the guest's runtime dir").hasSize(1);
            assertThat(uid(passts.get(0))).as("passt runs as the daemon's user, no root").isEqualTo(me);
            assertThat(uid(qemuPid(scratch))).as("QEMU runs as the daemon's user").isEqualTo(me);

            String cidr = route.address() + "/" + route.prefix();
            Path console = daemon.state.resolve("log/qemu/passtnet1.console.log");
            SerialOutput.await(console, "JVIRT-GUEST-IP eth0 ", Duration.ofSeconds(180));
            // the boot script waits briefly for DHCP and goes on with udhcpc in the background: ask until it has the lease
            int has = -1;
            for (int i = 0; i < 10 && has != 0; i++) {
                has = GuestShell.run(jvirsh, "passtnet1", "ip -4 -o addr show dev eth0 | grep -q ' " + cidr + " '", 120);
            }
            assertThat(has).as("the guest has passt's DHCP lease " + cidr + " (the host's address on " + route.iface()
                    + ")\nconsole:\n" + read(console) + "\npasst log:\n" + read(passtLog)).isZero();

            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                } catch (java.io.IOException e) {
                    return "accept failed: " + e;
                }
            });
            int status = GuestShell.run(jvirsh, "passtnet1", "echo passt-hello | nc " + route.gateway() + " "
                    + server.getLocalPort(), 120);
            assertThat(status).as("nc in the guest to the gateway " + route.gateway() + "\npasst log:\n" + read(passtLog)).isZero();
            assertThat(received.get(30, TimeUnit.SECONDS)).as("what the host's loopback service got from the guest")
                    .isEqualTo("passt-hello");

            // <portForward>: the host's 127.0.0.1:FORWARDED reaches the guest's port 5555
            assertThat(GuestShell.run(jvirsh, "passtnet1", "(nc -l -p 5555 > /tmp/inbound 2>&1 &)", 60)).isZero();
            String inbound = "";
            for (int i = 0; i < 20 && !inbound.contains("passt-in"); i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), forwarded)) {
                    s.getOutputStream().write("passt-in\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException notYet) {
                    Thread.sleep(500);
                    continue;
                }
                Thread.sleep(500);
                inbound = GuestShell.run(jvirsh, "passtnet1", "grep -q passt-in /tmp/inbound", 60) == 0 ? "passt-in" : "";
            }
            assertThat(inbound).as("what the guest's listener got through passt's port forward "
                    + forwarded + " -> 5555\npasst log:\n" + read(passtLog)).isEqualTo("passt-in");

            Cli.Result destroyed = jvirsh.run("destroy", "passtnet1");
            assertThat(destroyed.status()).as(destroyed.toString()).isZero();
            assertThat(passtsNaming(daemon.runtime)).as("passt processes left after destroy").isEmpty();
            assertThat(runs(passts.get(0))).as("passt " + passts.get(0) + " after destroy").isFalse();

            // a crash with jvirtd down: the next jvirtd finds the guest dead and stops its recorded passt by pid.
            // passt is stopped (SIGSTOP) first, so that --one-off cannot end it when QEMU goes: only jvirtd can.
            created = jvirsh.run("create", xml.toString());
            assertThat(created.status()).as(created.toString()).isZero();
            List<Long> second = passtsNaming(daemon.runtime);
            assertThat(second).hasSize(1);
            sh("kill", "-STOP", Long.toString(second.get(0)));
            daemon.kill9();
            long qemu = qemuPid(scratch);
            sh("kill", "-KILL", Long.toString(qemu));
            awaitGone(qemu, Duration.ofSeconds(30));
            assertThat(runs(second.get(0))).as("the frozen passt outlives its QEMU").isTrue();
            Files.deleteIfExists(daemon.socket()); // the killed daemon's: the new one's is awaited
            daemon.start(dist, asUser);
            awaitGone(second.get(0), Duration.ofSeconds(60));
            assertThat(passtsNaming(daemon.runtime)).as("passt processes left after the takeover").isEmpty();
            assertThat(daemon.runtime.resolve("qemu/passtnet1")).as("the crashed guest's runtime dir").doesNotExist();
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** From /proc/net/route: the interface with the IPv4 default route, its gateway, and the interface's address. */
    private static DefaultRoute defaultRoute() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !"00000000".equals(f[1]) || !"00000000".equals(f[7])) {
                continue;
            }
            long gw = Long.parseLong(f[2], 16); // little-endian on x86
            String gateway = (gw & 0xff) + "." + (gw >> 8 & 0xff) + "." + (gw >> 16 & 0xff) + "." + (gw >> 24 & 0xff);
            NetworkInterface nif = NetworkInterface.getByName(f[0]);
            if (nif == null || gw == 0) {
                continue;
            }
            for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    return new DefaultRoute(f[0], v4.getHostAddress(), a.getNetworkPrefixLength(), gateway);
                }
            }
        }
        return null;
    }

    /** Pids of the passt processes whose command line names {@code dir}. */
    private static List<Long> passtsNaming(Path dir) {
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        StandardCharsets.UTF_8);
                if ((cmd.startsWith("passt\0") || cmd.startsWith("/usr/bin/passt")) && cmd.contains(dir.toString())) {
                    pids.add(p.pid());
                }
            } catch (java.io.IOException gone) {
                // exited meanwhile
            }
        }
        return pids;
    }

    /** The pid of the QEMU whose command line names {@code dir}. */
    private static long qemuPid(Path dir) throws Exception {
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        StandardCharsets.UTF_8);
                if ((cmd.startsWith("/usr/bin/qemu-system") || cmd.contains("qemu-system-x86_64\0")) && cmd.contains(dir.toString())) {
                    return p.pid();
                }
            } catch (java.io.IOException gone) {
                // exited meanwhile
            }
        }
        throw new AssertionError("no QEMU names " + dir);
    }

    private static void awaitGone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (runs(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " still runs after " + within.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Whether {@code pid} runs: there, and no zombie (passt daemonizes, so its reaper may be slow to collect it). */
    private static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static int uid(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new AssertionError("no Uid in /proc/" + pid + "/status");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(none at " + p + ")";
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
    }
}
