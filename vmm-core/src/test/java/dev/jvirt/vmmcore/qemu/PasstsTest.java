package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.domainxml.domain.NetInterface.PortForward;
import dev.jvirt.domainxml.domain.NetInterface.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasstsTest {
    private static final GuestPaths PATHS = new GuestPaths(Path.of("/run/user/1000/jvirt/qemu/g"));

    private static NetInterface nic(String logFile, Integer mtu, List<PortForward> forwards) {
        return new NetInterface("user", "52:54:00:12:34:56", null, null, mtu == null ? null : "eth0", null, null, "virtio", null, null, null,
                mtu, null, null, null, null, new NetInterface.Backend("passt", logFile), forwards);
    }

    @Test
    void aPlainPasstNicListensInTheGuestsRuntimeDirectoryAndLogsThere() {
        assertThat(Passts.command(nic(null, null, List.of()), "net0", PATHS)).containsExactly(
                "passt", "--one-off",
                "--socket", "/run/user/1000/jvirt/qemu/g/passt-net0.sock",
                "--pid", "/run/user/1000/jvirt/qemu/g/passt-net0.pid",
                "--log-file", "/run/user/1000/jvirt/qemu/g/passt-net0.log");
    }

    @Test
    void logFileMtuAndPortForwardsAsLibvirtPassesThem() {
        List<PortForward> forwards = List.of(
                new PortForward("tcp", null, null, List.of(new Range(2022, null, 22, null), new Range(8000, 8010, null, null),
                        new Range(8005, null, null, true))),
                new PortForward("udp", "127.0.0.1", null, List.of(new Range(5000, 5020, 6000, null))),
                new PortForward("tcp", "::1", "lo", List.of()));
        assertThat(Passts.command(nic("/var/log/p.log", 1500, forwards), "net1", PATHS)).containsExactly(
                "passt", "--one-off",
                "--socket", "/run/user/1000/jvirt/qemu/g/passt-net1.sock",
                "--pid", "/run/user/1000/jvirt/qemu/g/passt-net1.pid",
                "--log-file", "/var/log/p.log",
                "--mtu", "1500",
                "--interface", "eth0",
                "--tcp-ports", "2022:22,8000-8010,~8005",
                "--udp-ports", "127.0.0.1/5000-5020:6000-6020",
                "--tcp-ports", "::1%lo/all");
    }

    /**
     * A recorded passt is stopped by its pid only while that pid's command line names the recorded
     * socket (a reused pid is left alone); a {@code sleep} stands in for passt, /proc is faked.
     */
    @Test
    void stopRecordedStopsThePidWhoseCommandLineNamesTheSocket(@TempDir Path tmp) throws Exception {
        GuestPaths paths = new GuestPaths(Files.createDirectories(tmp.resolve("run/qemu/g")));
        Process ours = new ProcessBuilder("sleep", "60").start();
        Process reused = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(paths.passtPidFile("net0"), ours.pid() + "\n");
            Files.writeString(paths.passtPidFile("net1"), reused.pid() + "\n");
            Path proc = tmp.resolve("proc");
            fakeCmdline(proc, ours.pid(), "passt", "--one-off", "--socket", paths.passtSocket("net0").toString());
            fakeCmdline(proc, reused.pid(), "passt", "--one-off", "--socket", "/elsewhere/passt-net1.sock");
            Passts.stopRecorded(paths, new ProcFs(proc));
            assertThat(ours.waitFor(10, TimeUnit.SECONDS)).as("the recorded passt was stopped").isTrue();
            assertThat(reused.isAlive()).as("a pid whose command line names another socket is not ours").isTrue();
        } finally {
            ours.destroyForcibly();
            reused.destroyForcibly().waitFor();
        }
    }

    private static void fakeCmdline(Path proc, long pid, String... argv) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), String.join("\0", argv) + "\0");
    }

    @Test
    void passtNicsAreRefusedUnderARootDaemonOnly() {
        var def = dev.jvirt.domainxml.domain.DomainXml.parse("""
                <domain type='qemu'><name>p</name><memory unit='MiB'>64</memory>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>
                    <interface type='user'/>
                    <interface type='user'><backend type='passt'/></interface>
                  </devices>
                </domain>""", "p.xml");
        assertThat(Passts.refusal(def, 0)).contains("interface net1").contains("session guests");
        assertThat(Passts.refusal(def, 1000)).isNull();
    }
}
