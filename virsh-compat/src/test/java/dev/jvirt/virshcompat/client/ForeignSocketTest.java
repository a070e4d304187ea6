package dev.jvirt.virshcompat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.virshcompat.JvirshRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16's attack, for real: another user ('nobody') pre-creates the session runtime dir
 * {@code /tmp/jvirt-$UID} (mode 0777, XDG_RUNTIME_DIR unset), serves a fake jvirtd on the socket
 * path in it and plants {@code jvirtd.log} as a link to a file of the victim. jvirsh refuses the
 * directory before connecting, refuses a socket served by another uid (SO_PEERCRED) before
 * sending a byte, and writes nothing through the link. Needs root (to act as 'nobody' through
 * setpriv); skipped otherwise.
 */
class ForeignSocketTest {

    private static final int NOBODY = 65534;

    private final int uid = 20000 + (int) (ProcessHandle.current().pid() % 10000); // the victim: a uid no one has here
    private final Path dir = Path.of("/tmp", "jvirt-" + uid);
    private final Path socket = dir.resolve("jvirtd.sock");
    private Path scratch;
    private Process planted;

    @BeforeEach
    void plant() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0, "needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        assumeTrue(!Files.exists(dir), dir + " exists already");
        scratch = Files.createTempDirectory("planted");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The attacker's directory and fake daemon, as 'nobody'.
        asNobody("mkdir", "-m", "0777", dir.toString()).waitFor();
        assertThat((Integer) Files.getAttribute(dir, "unix:uid")).isEqualTo(NOBODY);
        Path victimsFile = Files.writeString(scratch.resolve("victims-file"), "mine\n");
        asNobody("ln", "-s", victimsFile.toString(), dir.resolve("jvirtd.log").toString()).waitFor();
        planted = asNobody(java(), "-XX:-UsePerfData", "-cp", classes().toString(), PlantedDaemon.class.getName(),
                socket.toString(), dir.resolve("received").toString());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(dir.resolve("planted-ready"))) {
            assertThat(planted.isAlive()).as("the planted daemon runs").isTrue();
            assertThat(System.nanoTime()).as("the planted daemon serves within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void clean() throws IOException {
        if (planted != null) {
            planted.destroyForcibly();
        }
        for (Path p : List.of(dir, scratch == null ? dir : scratch)) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    @Test
    void aRuntimeDirOfAnotherUserIsRefusedBeforeConnecting() throws Exception {
        JvirshRun r = JvirshRun.withEnv(uid, Map.of(), "", "list", "--all");
        assertThat(r.err()).startsWith("error: failed to connect to the hypervisor\n"
                + "error: refusing to use " + dir + ": " + dir + " belongs to uid 65534, not to you (uid " + uid + "): "
                + "another user may have made it to serve a fake daemon\n"
                + "hint: remove it (as root: rm -rf " + dir + "), or set XDG_RUNTIME_DIR to a directory of your own\n");
        assertThat(r.out()).doesNotContain("attacker");
        assertThat(r.status()).isEqualTo(1);
        assertThat(received()).as("connections the planted daemon saw").isEmpty();
        assertThat(Files.readString(scratch.resolve("victims-file"))).isEqualTo("mine\n");
    }

    @Test
    void aRuntimeDirOfOursThatOthersMayWriteIsRefused() throws Exception {
        Files.setAttribute(dir, "unix:uid", uid); // ours now, but still 0777 with the attacker's socket in it
        JvirshRun r = JvirshRun.withEnv(uid, Map.of(), "", "list", "--all");
        assertThat(r.err()).contains("error: refusing to use " + dir + ": " + dir
                + " is open to other users (mode 0777, not 0700)\nhint: if it is yours and you trust its content: chmod 700 ");
        assertThat(received()).isEmpty();
        assertThat(Files.readString(scratch.resolve("victims-file"))).isEqualTo("mine\n");
    }

    @Test
    void aSocketServedByAnotherUidIsRefusedBeforeAnythingIsSent() throws Exception {
        // Named outright (?socket=), the directory is the user's choice: the server's uid is still checked.
        JvirshRun r = JvirshRun.withEnv(uid, Map.of(), "", "-c", "vmm:///session?socket=" + socket, "list", "--all");
        assertThat(r.err()).isEqualTo("error: failed to connect to the hypervisor\n"
                + "error: refusing " + socket + ": it is served by user 'nobody', not by you (uid " + uid + ") or root; "
                + "nothing was sent\nhint: check what listens on " + socket + "\n");
        assertThat(r.out()).doesNotContain("attacker");
        assertThat(received(1)).as("bytes per connection the planted daemon got").containsExactly("0");
    }

    /** What the planted daemon recorded: the bytes each connection sent it (none expected). */
    private List<String> received() throws Exception {
        Thread.sleep(200); // a connection jvirsh should not have made would be recorded by now, or soon after
        return recorded();
    }

    /**
     * What the planted daemon recorded once it has recorded {@code connections} connections (it
     * writes after the client closed, later still on a loaded machine), or after 30 s.
     */
    private List<String> received(int connections) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<String> lines = recorded();
        while (lines.size() < connections && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lines = recorded();
        }
        return lines;
    }

    private List<String> recorded() throws IOException {
        Path record = dir.resolve("received");
        return Files.exists(record) ? Files.readAllLines(record) : new ArrayList<>();
    }

    private static Process asNobody(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=65534", "--clear-groups", "--"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A copy of PlantedDaemon's class file where 'nobody' can read it. */
    private Path classes() throws IOException {
        String name = PlantedDaemon.class.getName().replace('.', '/') + ".class";
        Path target = scratch.resolve("classes").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = PlantedDaemon.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return scratch.resolve("classes");
    }
}
