package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.StartRefusedException;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuFailuresTest {

    @Test
    void anImageLockedByAnotherProcessNamesTheHolder(@TempDir Path dir) throws Exception {
        Path image = Files.writeString(dir.resolve("disk.qcow2"), "x");
        try (FileInputStream held = new FileInputStream(image.toFile())) {
            StartRefusedException e = QemuFailures.classify("web1", List.of(
                    "qemu-system-x86_64: -blockdev {\"driver\":\"qcow2\"}: Failed to get \"write\" lock",
                    "Is another process using the image [" + image + "]?")).orElseThrow();
            assertThat(e.getMessage()).contains("disk '" + image + "' is in use by process " + ProcessHandle.current().pid());
            assertThat(e.kind()).isEqualTo(StartRefusedException.Kind.SYSTEM);
        }
    }

    @Test
    void anImageNobodyHoldsAnyMoreStillSaysItIsInUse(@TempDir Path dir) {
        StartRefusedException e = QemuFailures.classify("web1", List.of(
                "Is another process using the image [" + dir.resolve("gone.qcow2") + "]?")).orElseThrow();
        assertThat(e.getMessage()).contains("is in use by another process");
    }
}
