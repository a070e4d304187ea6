package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwtpmsStateTest {

    @TempDir
    Path root;

    @Test
    void replacesTheWholeStateDirectoryWithPrivateModes() throws Exception {
        Swtpms swtpms = new Swtpms(root);
        Path dir = swtpms.stateDir("web1");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tpm2-00.permall"), "old");
        Files.writeString(dir.resolve("stale"), "gone after the replace");
        swtpms.replaceState("web1", Map.of("tpm2-00.permall", new byte[] {0, 1, 2}, "tpm2-00.volatilestate", new byte[] {3}));
        assertThat(dir).isEqualTo(root.resolve("web1/tpm0"));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("tpm2-00.permall", "tpm2-00.volatilestate");
        }
        assertThat(Files.readAllBytes(dir.resolve("tpm2-00.permall"))).containsExactly(0, 1, 2);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("tpm2-00.volatilestate"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary directory left").containsExactly("tpm0");
        }
    }

    @Test
    void refusesNamesThatAreNotPlainFileNamesAndKeepsTheOldState() throws Exception {
        Swtpms swtpms = new Swtpms(root);
        swtpms.replaceState("web1", Map.of("tpm2-00.permall", new byte[] {7}));
        for (String bad : new String[] {"../escape", ".lock", "a/b", ""}) {
            assertThatThrownBy(() -> swtpms.replaceState("web1", Map.of(bad, new byte[] {1})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TPM state file name");
        }
        assertThat(Files.readAllBytes(swtpms.stateDir("web1").resolve("tpm2-00.permall"))).containsExactly(7);
    }
}
