package dev.jvirt.api.unix;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which socket directories a client trusts: only its own, private, reached without links. */
class TrustedDirectoryTest {

    private final Path base = Files.createTempDirectory("trusted-dir"); // 0700, ours
    private final int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");

    TrustedDirectoryTest() throws IOException {
    }

    @AfterEach
    void clean() throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path dir(String name, String mode) throws IOException {
        Path d = Files.createDirectory(base.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void aPrivateDirectoryOfOurOwnIsTrusted() throws IOException {
        assertThatCode(() -> TrustedDirectory.check(dir("ok", "rwx------"), me, true)).doesNotThrowAnyException();
        assertThatCode(() -> TrustedDirectory.check(base.resolve("missing/too"), me, true)).doesNotThrowAnyException();
        // /tmp above is world-writable but sticky; a shared (non-private) directory may be 0755
        assertThatCode(() -> TrustedDirectory.check(dir("shared", "rwxr-xr-x"), me, false)).doesNotThrowAnyException();
    }

    @Test
    void wideModesAreRefused() throws IOException {
        Path open = dir("open", "rwxrwxrwx");
        assertThatThrownBy(() -> TrustedDirectory.check(open, me, true)).isInstanceOf(UntrustedPathException.class)
                .hasMessage(open + " is open to other users (mode 0777, not 0700)");
        Path group = dir("group", "rwxr-x---");
        assertThatThrownBy(() -> TrustedDirectory.check(group, me, true)).hasMessageContaining("mode 0750");
        Path writable = dir("writable", "rwxrwxr-x");
        assertThatThrownBy(() -> TrustedDirectory.check(writable, me, false)).hasMessageContaining("writable by other users");
        Path under = Files.createDirectory(writable.resolve("d"));
        assertThatThrownBy(() -> TrustedDirectory.check(under, me, false))
                .hasMessage(writable + " is writable by other users (mode 0775)");
    }

    @Test
    void aSymbolicLinkAnywhereInThePathIsRefused() throws IOException {
        Path real = dir("real", "rwx------");
        Path link = Files.createSymbolicLink(base.resolve("link"), real);
        assertThatThrownBy(() -> TrustedDirectory.check(link, me, true))
                .hasMessage(link + " is a symbolic link (to " + real + "), in the path of " + link);
        Files.createDirectory(real.resolve("sub"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertThatThrownBy(() -> TrustedDirectory.check(link.resolve("sub"), me, true))
                .isInstanceOfSatisfying(UntrustedPathException.class, e -> org.assertj.core.api.Assertions.assertThat(e.fix())
                        .contains("without links"));
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        assumeTrue(me == 0, "needs root to give a directory away");
        Path theirs = dir("theirs", "rwx------");
        Files.setAttribute(theirs, "unix:uid", 65534);
        assertThatThrownBy(() -> TrustedDirectory.check(theirs, me, true))
                .hasMessage(theirs + " belongs to uid 65534, not to root: another user may have made it to serve a fake daemon");
        assertThatThrownBy(() -> TrustedDirectory.check(theirs, 1000, true)).hasMessageContaining("not to you (uid 1000)");
        // their directory above ours is refused too
        Path mine = Files.createDirectory(theirs.resolve("mine"));
        assertThatThrownBy(() -> TrustedDirectory.check(mine, 0, true)).hasMessageContaining(theirs + " belongs to uid 65534");
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = Files.createFile(base.resolve("f"));
        assertThatThrownBy(() -> TrustedDirectory.check(file, me, true)).hasMessage(file + " is not a directory");
    }
}
