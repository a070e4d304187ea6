package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void lastNonBlankLines(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("qemu.log"), "one\n\ntwo\r\nthree\n\n");
        assertThat(LogTail.read(log, 2)).containsExactly("two", "three");
        assertThat(LogTail.read(log, 10)).containsExactly("one", "two", "three");
        assertThat(LogTail.read(dir.resolve("absent"), 3)).isEmpty();
    }
}
