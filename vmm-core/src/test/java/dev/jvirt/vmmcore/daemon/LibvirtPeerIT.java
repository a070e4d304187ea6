package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The libvirt socket checks its peer's uid as the REST socket does: with the socket's mode opened
 * up on purpose, a session daemon still serves only its own user (here root), and closes a
 * client of another uid (nobody) before answering anything.
 */
class LibvirtPeerIT {

    @Test
    void aSessionDaemonClosesAnotherUsersConnection() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to connect as nobody");
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            Path sock = d.libvirtSocket();
            // what the mode bits would stop: opened here so that only the uid check stands in the way
            Files.setPosixFilePermissions(f.root, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(sock.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-rw-rw-"));
            Path home = Files.createDirectories(f.root.resolve("nobody-home"));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));

            Process p = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "env",
                    "HOME=" + home, "XDG_RUNTIME_DIR=" + home, "XDG_CACHE_HOME=" + home, "XDG_CONFIG_HOME=" + home,
                    "virsh", "-c", "qemu+unix:///session?socket=" + sock, "list", "--all").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isNotZero();
            assertThat(out).doesNotContain("Name");

            try (RawLibvirtClient mine = new RawLibvirtClient(sock).open()) {
                assertThat(mine.type()).isEqualTo("QEMU");
            }
        }
    }
}
