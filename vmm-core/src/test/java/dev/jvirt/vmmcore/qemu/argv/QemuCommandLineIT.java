package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.lifecycle.GuestConsoles;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the real {@code qemu-system-x86_64} (TCG) with command lines this package builds: QEMU
 * must accept them, i.e. create every device and answer QMP, and the tiny guest must boot to its
 * marker on the console hub's log. QEMU runs in the foreground (no {@code -daemonize}) so the
 * test owns the process; every process and scratch directory is removed afterwards.
 */
@ExtendWith(TinyGuestExtension.class)
class QemuCommandLineIT {

    private static final Path IT_DIR = QemuCommandLineGoldenTest.DIR.resolve("it");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

    private Path scratch;
    private final List<Process> processes = new ArrayList<>();
    private final List<ProcessHandle> daemons = new ArrayList<>();

    @BeforeEach
    void scratch() throws IOException {
        scratch = Files.createTempDirectory("jvirt-argv,it-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle h : daemons) {
            h.destroy();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
        dev.jvirt.vmmcore.ConsoleKeepers.stop(scratch.resolve("keeper-run"));
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void qemuAcceptsManyDevicesOnPcWithHostileNames() throws Exception {
        images();
        Files.createDirectories(scratch.resolve("share,x"));
        runUntilQmp("pc-many-devices.xml", "@CMDLINE@", "");
    }

    /** The driver's own launch: -daemonize, a pidfile, and the sandbox a daemonizing QEMU can live with. */
    @Test
    void daemonizedQemuStartsAndWritesItsPidfile() throws Exception {
        images();
        Files.createDirectories(scratch.resolve("share,x"));
        GuestPaths paths = guestPaths();
        List<String> argv = QemuCommandLine.build(definition("pc-many-devices.xml", "@CMDLINE@", ""), caps(), paths,
                LaunchOptions.defaults());
        assertThat(argv).contains("-daemonize", QemuCommandLine.SANDBOX_DAEMONIZED);
        Process launcher = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(paths.qemuLog().toFile()).start();
        processes.add(launcher);
        assertThat(launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("-daemonize returns").isTrue();
        assertThat(launcher.exitValue()).as(Files.readString(paths.qemuLog())).isZero();
        long pid = Long.parseLong(Files.readString(paths.pidFile()).trim());
        ProcessHandle.of(pid).ifPresent(daemons::add);
        awaitQmp(ProcessHandle.of(pid).orElseThrow(), paths, "quit");
        assertThat(ProcessHandle.of(pid).orElseThrow().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void qemuAcceptsQ35WithUefiAndExplicitAddresses() throws Exception {
        images();
        HostPackages.file("/usr/share/OVMF/OVMF_CODE_4M.fd", "ovmf"); // the definition's loader
        Files.copy(HostPackages.file("/usr/share/OVMF/OVMF_VARS_4M.fd", "ovmf"), scratch.resolve("vars,1.fd"));
        runUntilQmp("q35-uefi-addressed.xml", "@CMDLINE@", "");
    }

    @Test
    void qemuAcceptsVirtiofsAndANamedTapInANetworkNamespace() throws Exception {
        // virtiofsd reads -o as comma-separated options, so its source must not have a comma
        // (QEMU never sees the source directory, only the socket)
        Path share = Files.createTempDirectory("jvirt-argv-share-");
        GuestPaths paths = guestPaths();
        String netns = "jvirt-argv-it-" + ProcessHandle.current().pid();
        command("ip", "netns", "add", netns);
        try {
            command("ip", "-n", netns, "tuntap", "add", "dev", "jvtap0", "mode", "tap");
            Path virtiofsdBinary = HostPackages.file("/usr/lib/qemu/virtiofsd", "qemu-system-common");
            Process virtiofsd = new ProcessBuilder(virtiofsdBinary.toString(), "-f",
                    "--socket-path=" + paths.virtiofsSocket("fs0"), "-o", "source=" + share, "-o", "cache=none")
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("virtiofsd.log").toFile()).start();
            processes.add(virtiofsd);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(paths.virtiofsSocket("fs0"))) {
                if (!virtiofsd.isAlive() || System.nanoTime() > deadline) {
                    fail("virtiofsd did not start: " + Files.readString(scratch.resolve("virtiofsd.log")));
                }
                Thread.sleep(50);
            }
            LaunchOptions options = LaunchOptions.defaults().withDaemonize(false)
                    .withNetBackend("net0", new NetBackend.TapName("jvtap0"));
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns));
            argv.addAll(QemuCommandLine.build(definition("virtiofs-and-tap.xml", "@SHARE@", share.toString()), caps(), paths, options));
            Process qemu = start(argv, paths);
            awaitQmp(qemu, paths, "quit");
            assertThat(qemu.waitFor(10, TimeUnit.SECONDS)).as("QEMU quits when told").isTrue();
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            command("ip", "netns", "delete", netns);
            Files.delete(share);
        }
    }

    @Test
    void tinyGuestBootsToItsMarkerOnTheConsoleLog(TinyGuest guest) throws Exception {
        Files.copy(guest.kernel(), scratch.resolve("vm,linuz"));
        Files.copy(guest.initrd(), scratch.resolve("init,rd"));
        qemuImg("create", "-q", "-f", "qcow2", scratch.resolve("disk.qcow2").toString(), "64M");
        GuestPaths paths = guestPaths();
        CommandLinePlan plan = QemuCommandLine.plan(definition("tiny-guest-boot.xml", "@CMDLINE@", TinyGuest.CMDLINE),
                caps(), paths, LaunchOptions.defaults().withDaemonize(false));
        List<String> argv = plan.argv();
        Process qemu = start(argv, paths);
        // QEMU keeps no console log: the daemon's code swaps its null chardev for the hub's FIFOs
        // (paths with commas, over QMP) while the guest is paused, and the hub reads them.
        Path log = scratch.resolve("hub,console.log");
        awaitQmp(qemu, paths, "query-status"); // up, with its QMP socket
        Path keeperRun = Files.createDirectory(scratch.resolve("keeper-run"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        try (QmpClientFactory factory = new QmpClientFactory(1);
                QmpConnection qmp = factory.connect(paths.qmpSocket()).get(30, TimeUnit.SECONDS);
                GuestConsoles consoles = new GuestConsoles(keeperRun, scratch.resolve("keeper.log"), name -> log, 1 << 20, 1);
                ConsoleHub hub = consoles.open("tiny-guest-boot", paths, plan.console(), qmp, false)) {
            assertThat(plan.console()).isEqualTo(ConsoleKind.SERIAL_FIFOS);
            assertThat(hub).as("the argv has the hub's console").isNotNull();
            qmp.execute("cont").get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (new String(hub.recentOutput(), StandardCharsets.ISO_8859_1).contains(TinyGuest.READY_MARKER)) {
                    assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).contains(TinyGuest.READY_MARKER);
                    return;
                }
                if (!qemu.isAlive()) {
                    fail("QEMU exited with " + qemu.exitValue() + ": " + Files.readString(paths.qemuLog()));
                }
                Thread.sleep(200);
            }
        }
        fail("no " + TinyGuest.READY_MARKER + " on the console after " + BOOT_TIMEOUT);
    }

    private void runUntilQmp(String xml, String placeholder, String value) throws Exception {
        GuestPaths paths = guestPaths();
        Process qemu = start(definition(xml, placeholder, value), paths);
        awaitQmp(qemu, paths, "quit");
        assertThat(qemu.waitFor(10, TimeUnit.SECONDS)).as("QEMU quits when told").isTrue();
    }

    private Domain definition(String xml, String placeholder, String value) throws IOException {
        String text = Files.readString(IT_DIR.resolve(xml), StandardCharsets.UTF_8)
                .replace("@DIR@", scratch.toString()).replace(placeholder, value);
        return DomainXml.parse(text, xml);
    }

    private GuestPaths guestPaths() throws IOException {
        return new GuestPaths(Files.createDirectories(scratch.resolve("run,dir")));
    }

    private static HostCapabilities caps() {
        return TestHost.caps(TestHost.EMULATOR, HostCapabilities.KvmSupport.no("not needed: TCG"));
    }

    private Process start(Domain def, GuestPaths paths) throws IOException {
        return start(QemuCommandLine.build(def, caps(), paths, LaunchOptions.defaults().withDaemonize(false)), paths);
    }

    private Process start(List<String> argv, GuestPaths paths) throws IOException {
        assertThat(argv).doesNotContain("-daemonize").contains("-S");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(paths.qemuLog().toFile()).start();
        processes.add(p);
        return p;
    }

    /** Waits for QMP's greeting (sent only once every device exists), negotiates, then sends {@code command}. */
    private static void awaitQmp(Process qemu, GuestPaths paths, String command) throws Exception {
        awaitQmp(qemu.toHandle(), paths, command);
    }

    private static void awaitQmp(ProcessHandle qemu, GuestPaths paths, String command) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(paths.qmpSocket())) {
            if (!qemu.isAlive()) {
                fail("QEMU refused the command line: " + Files.readString(paths.qemuLog()));
            }
            if (System.nanoTime() > deadline) {
                fail("no QMP socket after " + START_TIMEOUT + ": " + Files.readString(paths.qemuLog()));
            }
            Thread.sleep(50);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(paths.qmpSocket()));
            String greeting = readLine(ch, paths);
            assertThat(greeting).contains("\"QMP\"");
            send(ch, "{\"execute\":\"qmp_capabilities\"}");
            assertThat(readLine(ch, paths)).contains("\"return\"");
            send(ch, "{\"execute\":\"query-status\"}");
            assertThat(readLine(ch, paths)).contains("\"prelaunch\"");
            send(ch, "{\"execute\":\"" + command + "\"}");
            assertThat(readLine(ch, paths)).contains("\"return\"");
        }
    }

    private static void send(SocketChannel ch, String json) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((json + "\r\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads one line that is not an event. */
    private static String readLine(SocketChannel ch, GuestPaths paths) throws IOException {
        while (true) {
            StringBuilder sb = new StringBuilder();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (true) {
                one.clear();
                if (ch.read(one) < 0) {
                    fail("QMP closed; QEMU said: " + Files.readString(paths.qemuLog()));
                }
                char c = (char) one.get(0);
                if (c == '\n') {
                    break;
                }
                sb.append(c);
            }
            if (!sb.toString().contains("\"event\"")) {
                return sb.toString();
            }
        }
    }

    private void images() {
        qemuImg("create", "-q", "-f", "raw", scratch.resolve("base.raw").toString(), "16M");
        qemuImg("create", "-q", "-f", "qcow2", "-F", "raw", "-b", scratch.resolve("base.raw").toString(),
                scratch.resolve("top.qcow2").toString());
        qemuImg("create", "-q", "-f", "qcow2", scratch.resolve("a,b \"c\".qcow2").toString(), "16M");
        qemuImg("create", "-q", "-f", "qcow2", scratch.resolve("disk.qcow2").toString(), "16M");
        for (String raw : List.of("cd.iso", "ide.raw", "scsi.raw", "usb.raw")) {
            qemuImg("create", "-q", "-f", "raw", scratch.resolve(raw).toString(), "4M");
        }
    }

    private static void qemuImg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("qemu-img"));
        cmd.addAll(List.of(args));
        command(cmd.toArray(String[]::new));
    }

    private static void command(String... args) {
        List<String> cmd = List.of(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
