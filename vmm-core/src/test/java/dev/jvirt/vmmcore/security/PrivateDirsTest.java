package dev.jvirt.vmmcore.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.vmmcore.store.AtomicFiles;
import dev.jvirt.vmmcore.store.DefinitionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirsTest {
    private static final PrivateDirs.Role ROLE = new PrivateDirs.Role("runtime directory", "use --runtime-dir");
    private final int uid = CurrentUser.uid();

    @TempDir
    Path tmp;

    @Test
    void makesMissingDirectoriesWithExactlyTheMode() throws IOException {
        Path dir = tmp.resolve("a/b/run");
        PrivateDirs.ensure(dir, uid, 0700, ROLE);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        PrivateDirs.ensure(dir, uid, 0700, ROLE); // a second time: accepted as it is
    }

    @Test
    void narrowsAnOwnDirectoryOthersCouldOnlyRead() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateDirs.ensure(dir, uid, 0700, ROLE);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void refusesADirectoryOthersCanWriteToEvenIfOwn() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> PrivateDirs.ensure(dir, uid, 0700, ROLE)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("will not use runtime directory " + dir + ": its mode is 0777")
                .hasMessageContaining("use --runtime-dir");
    }

    @Test
    void refusesASymlinkAsTheDirectoryAndAnOpenDirectoryOnTheWay() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("run"), real);
        assertThatThrownBy(() -> PrivateDirs.ensure(link, uid, 0700, ROLE))
                .hasMessageContaining("it is a symbolic link (to " + real + ")");
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx")); // no sticky bit
        assertThatThrownBy(() -> PrivateDirs.ensure(open.resolve("run"), uid, 0700, ROLE))
                .hasMessageContaining(open + " on its way has mode 0777");
        assertThat(open.resolve("run")).doesNotExist();
    }

    @Test
    void refusesADirectoryOfAnotherOwner() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(uid == 0, "chown needs root");
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> PrivateDirs.ensure(dir, uid, 0700, ROLE))
                .hasMessageContaining("it is owned by uid 65534 (nobody)");
    }

    @Test
    void openOwnRefusesALinkAndNeverWritesThroughIt() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "mine");
        Path link = Files.createSymbolicLink(tmp.resolve("jvirtd.log"), victim);
        assertThatThrownBy(() -> PrivateFiles.prepare(link, uid)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("it is a symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("mine");
        Path log = tmp.resolve("own.log");
        PrivateFiles.prepare(log, uid);
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void definitionsAre0600InDirectories0700() throws IOException {
        DefinitionStore store = new DefinitionStore(tmp.resolve("qemu"), tmp.resolve("qemu/autostart"));
        store.save("web1", "<domain/>");
        store.setAutostart("web1", true);
        assertThat(Files.getPosixFilePermissions(store.file("web1"))).isEqualTo(AtomicFiles.FILE_MODE);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("qemu"))).isEqualTo(AtomicFiles.DIR_MODE);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("qemu/autostart"))).isEqualTo(AtomicFiles.DIR_MODE);
        Files.setPosixFilePermissions(store.file("web1"), PosixFilePermissions.fromString("rw-r--r--"));
        store.loadAll(); // what an older jvirt left 0644 is narrowed
        assertThat(Files.getPosixFilePermissions(store.file("web1"))).isEqualTo(AtomicFiles.FILE_MODE);
    }
}
